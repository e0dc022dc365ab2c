package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.chat.ChatMutes;
import dev.skirmish.lobby.players.PlayerService;
import dev.skirmish.lobby.text.UserText;
import dev.skirmish.lobby.web.LobbyException;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator actions on players; each one is written to the audit log before it is answered. */
@RestController
@RequestMapping("/api/admin/players/{id}")
public class ModerationController {
    static final int MAX_ID = 36;

    public record MuteRequest(Long durationSeconds, String reason) {
    }

    public record MuteView(String playerId, Instant until, String reason) {
    }

    public record BanRequest(String reason) {
    }

    private final ChatMutes mutes;
    private final PlayerService players;
    private final AuditLog audit;

    ModerationController(ChatMutes mutes, PlayerService players, AuditLog audit) {
        this.mutes = mutes;
        this.players = players;
        this.audit = audit;
    }

    /** The player's chat (rooms and lobby, REST and STOMP) is refused with CHAT_MUTED until the mute ends. */
    @PostMapping("/mute")
    public MuteView mute(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable String id,
                         @RequestBody MuteRequest request) {
        String reason = reason(request.reason());
        long max = ChatMutes.MAX_DURATION.toSeconds();
        if (request.durationSeconds() == null || request.durationSeconds() < 1 || request.durationSeconds() > max)
            throw LobbyException.badRequest("INVALID_DURATION", "durationSeconds must be 1-" + max);
        requirePlayer(id);
        var mute = mutes.mute(id, Duration.ofSeconds(request.durationSeconds()), reason);
        audit.record(operator, "MUTE", id, reason + " (until " + mute.until() + ")");
        return new MuteView(id, mute.until(), reason);
    }

    @DeleteMapping("/mute")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void unmute(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable String id) {
        requirePlayer(id);
        mutes.unmute(id);
        audit.record(operator, "UNMUTE", id, null);
    }

    /** Every token of the player is refused from now on; its open STOMP connections are closed at once. */
    @PostMapping("/ban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void ban(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable String id,
                    @RequestBody BanRequest request) {
        String reason = reason(request.reason());
        requirePlayer(id);
        audit.record(operator, "BAN", id, reason);
        players.ban(id);
    }

    @DeleteMapping("/ban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void unban(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable String id,
                      @RequestBody BanRequest request) {
        String reason = reason(request.reason());
        requirePlayer(id);
        audit.record(operator, "UNBAN", id, reason);
        players.unban(id);
    }

    private void requirePlayer(String id) {
        if (id.length() > MAX_ID || !players.exists(id)) throw LobbyException.notFound("PLAYER_NOT_FOUND", "no such player");
    }

    private static String reason(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > AuditLog.MAX_REASON)
            throw LobbyException.badRequest("INVALID_REASON", "reason must be 1-" + AuditLog.MAX_REASON + " characters");
        return UserText.requireShown(raw.strip(), "INVALID_REASON", "reason");
    }
}
