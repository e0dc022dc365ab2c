package dev.skirmish.lobby.players;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.security.TokenService;
import dev.skirmish.lobby.text.UserText;
import dev.skirmish.lobby.web.LobbyException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Guest sign-up and token refresh. A name is taken while its holder is online (connected, seated or recently active). */
@Service
public class PlayerService {
    private static final Logger log = LoggerFactory.getLogger(PlayerService.class);
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{3,16}");

    public record Issued(String playerId, String name, String token, Instant expiresAt) {
    }

    private final PlayerRepository players;
    private final PresenceRegistry presence;
    private final RoomService rooms;
    private final TokenService tokens;
    private final LobbyProperties props;
    private final Clock clock;

    public PlayerService(PlayerRepository players, PresenceRegistry presence, RoomService rooms, TokenService tokens,
                         LobbyProperties props, Clock clock) {
        this.players = players;
        this.presence = presence;
        this.rooms = rooms;
        this.tokens = tokens;
        this.props = props;
        this.clock = clock;
    }

    public synchronized Issued guest(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            // the pattern already keeps out every hidden character; the refusal names the one that was sent
            UserText.requireShown(name, "INVALID_NAME", "name");
            throw LobbyException.badRequest("INVALID_NAME", "name must be 3-16 letters, digits, '_' or '-'");
        }
        for (PlayerEntity existing : players.findByNameIgnoreCase(name)) {
            if (isOnline(existing.getId())) {
                throw LobbyException.conflict("NAME_IN_USE", "the name '" + name + "' is used by a player who is online");
            }
        }
        var player = players.save(new PlayerEntity(UUID.randomUUID().toString(), name, clock.instant()));
        presence.touch(player.getId());
        log.info("guest {} signed in as {}", player.getId(), name);
        return issue(player.getId(), name);
    }

    public Issued refresh(String bearer) {
        PlayerToken old = tokens.verifyForRefresh(bearer)
                .orElseThrow(() -> LobbyException.unauthorized("token is invalid or expired beyond the refresh grace; sign in again"));
        presence.touch(old.playerId());
        return issue(old.playerId(), old.name());
    }

    public boolean isOnline(String playerId) {
        if (presence.isConnected(playerId) || rooms.roomOf(playerId).isPresent()) return true;
        Instant seen = presence.lastSeen(playerId);
        return seen != null && seen.plus(props.nameHold()).isAfter(clock.instant());
    }

    private Issued issue(String playerId, String name) {
        String token = tokens.issue(playerId, name);
        return new Issued(playerId, name, token, tokens.expiryOf(token));
    }
}
