package dev.skirmish.lobby.players;

import dev.skirmish.lobby.limits.Limited;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.security.TokenService;
import dev.skirmish.lobby.web.LobbyException;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/players")
public class PlayerController {
    public record GuestRequest(String name) {
    }

    public record PlayerSession(String id, String name, String token, Instant expiresAt) {
        static PlayerSession of(PlayerService.Issued i) {
            return new PlayerSession(i.playerId(), i.name(), i.token(), i.expiresAt());
        }
    }

    public record Me(String id, String name, Instant expiresAt) {
    }

    private final PlayerService players;

    public PlayerController(PlayerService players) {
        this.players = players;
    }

    @PostMapping("/guest")
    @Limited(Limited.Kind.GUEST_SIGN_UP)
    @ResponseStatus(HttpStatus.CREATED)
    public PlayerSession guest(@RequestBody GuestRequest request) {
        return PlayerSession.of(players.guest(request.name()));
    }

    @PostMapping("/refresh")
    public PlayerSession refresh(@Parameter(hidden = true) @RequestHeader(value = "Authorization", required = false) String authorization) {
        String token = TokenService.bearer(authorization).orElseThrow(() -> LobbyException.unauthorized("missing bearer token"));
        return PlayerSession.of(players.refresh(token));
    }

    /** Revokes every token of this player: later calls, refreshes and open STOMP connections with them are refused. */
    @PostMapping("/sign-out")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void signOut(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player) {
        players.signOut(player);
    }

    @GetMapping("/me")
    public Me me(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player) {
        return new Me(player.playerId(), player.name(), player.expiresAt());
    }
}
