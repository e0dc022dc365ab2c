package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.chat.ChatMutes;
import dev.skirmish.lobby.players.PlayerService;
import dev.skirmish.lobby.text.UserText;
import dev.skirmish.lobby.web.LobbyException;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
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

    /** {@code until} (an instant) or {@code durationSeconds}, at most one of them; neither: until an operator lifts it. */
    public record BanRequest(String reason, Instant until, Long durationSeconds) {
    }

    /** The longest timed ban; a longer one is a ban without an end. */
    static final Duration MAX_BAN = Duration.ofDays(3650);

    private final ChatMutes mutes;
    private final PlayerService players;
    private final AuditLog audit;
    private final Clock clock;

    ModerationController(ChatMutes mutes, PlayerService players, AuditLog audit, Clock clock) {
        this.mutes = mutes;
        this.players = players;
        this.audit = audit;
        this.clock = clock;
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
        var mute = mutes.mute(id, Duration.ofSeconds(request.durationSeconds()), reason, operator);
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

    /**
     * Every token of the player is refused from now on (until the ban's end, if it has one); its open STOMP
     * connections are closed at once.
     */
    @PostMapping("/ban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void ban(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable String id,
                    @RequestBody BanRequest request) {
        String reason = reason(request.reason());
        Instant until = until(request);
        requirePlayer(id);
        audit.record(operator, "BAN", id, reason + (until == null ? "" : " (until " + until + ")"));
        players.ban(id, until, reason, operator);
    }

    private Instant until(BanRequest request) {
        if (request.until() != null && request.durationSeconds() != null)
            throw LobbyException.badRequest("INVALID_DURATION", "give until or durationSeconds, not both");
        Instant now = clock.instant();
        Instant until = request.until();
        if (request.durationSeconds() != null) {
            if (request.durationSeconds() < 1 || request.durationSeconds() > MAX_BAN.toSeconds())
                throw LobbyException.badRequest("INVALID_DURATION", "durationSeconds must be 1-" + MAX_BAN.toSeconds());
            until = now.plusSeconds(request.durationSeconds());
        }
        if (until != null && (!until.isAfter(now) || until.isAfter(now.plus(MAX_BAN))))
            throw LobbyException.badRequest("INVALID_DURATION", "until must be in the next " + MAX_BAN.toDays() + " days");
        // whole milliseconds: what the database keeps is what every answer shows
        return until == null ? null : until.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
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
