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
import org.springframework.context.ApplicationEventPublisher;
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
    private final TokenRevocations revocations;
    private final PlayerBans bans;
    private final ApplicationEventPublisher events;
    private final LobbyProperties props;
    private final Clock clock;
    private final NameClaims nameClaims = new NameClaims();
    private final GuestRows guestRows;

    public PlayerService(PlayerRepository players, PresenceRegistry presence, RoomService rooms, TokenService tokens,
                         TokenRevocations revocations, PlayerBans bans, ApplicationEventPublisher events, LobbyProperties props, Clock clock,
                         GuestRows guestRows) {
        this.guestRows = guestRows;
        this.players = players;
        this.presence = presence;
        this.rooms = rooms;
        this.tokens = tokens;
        this.revocations = revocations;
        this.bans = bans;
        this.events = events;
        this.props = props;
        this.clock = clock;
    }

    public Issued guest(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            // the pattern already keeps out every hidden character; the refusal names the one that was sent
            UserText.requireShown(name, "INVALID_NAME", "name");
            throw LobbyException.badRequest("INVALID_NAME", "name must be 3-16 letters, digits, '_' or '-'");
        }
        String key = PlayerEntity.key(name);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        // check and take are one step per name: two sign-ups of one name cannot both find it free
        synchronized (nameClaims.of(key)) {
            for (String existing : guestRows.idsByNameKey(key)) {
                if (isOnline(existing)) {
                    throw LobbyException.conflict("NAME_IN_USE", "the name '" + name + "' is used by a player who is online");
                }
            }
            guestRows.insert(id, name, now);
            presence.touch(id);
        }
        log.debug("guest {} signed in as {}", id, name);
        return issue(id, name, now);
    }

    public Issued refresh(String bearer) {
        PlayerToken old = tokens.verifyForRefresh(bearer)
                .orElseThrow(() -> LobbyException.unauthorized("token is invalid or expired beyond the refresh grace; sign in again"));
        presence.touch(old.playerId());
        // the new token keeps the sign-in time: refreshing never carries a sign-in past its absolute lifetime
        return issue(old.playerId(), old.name(), old.signedInAt());
    }

    /**
     * Every token of the player is refused from now on (guest ids are never signed in again, so nothing of this
     * player is valid any more); it leaves its room, and its open STOMP connections are closed.
     */
    public void signOut(PlayerToken player) {
        revocations.revoke(player.playerId());
        rooms.roomOf(player.playerId()).ifPresent(roomId -> {
            try {
                rooms.leave(player, roomId);
            } catch (LobbyException e) {
                log.info("signed-out player {} keeps its seat in {} for now: {}", player.playerId(), roomId, e.getMessage());
            }
        });
        events.publishEvent(new SignedOut(player.playerId()));
        log.debug("player {} signed out", player.playerId());
    }

    public boolean exists(String playerId) {
        return players.existsById(playerId);
    }

    /**
     * An operator's ban: like a sign-out made for the player (every token refused, so no refresh and no STOMP
     * CONNECT, the room left, open connections closed at once), recorded with its reason and end. Guest ids never
     * sign in again, so a ban without an end lasts; one with an end is lifted by {@link PlayerBans}' sweep.
     * @param until null: until an operator lifts it
     * @return the ban, empty when there is no such player
     */
    public java.util.Optional<PlayerBans.Ban> ban(String playerId, Instant until, String reason, String operator) {
        var player = players.findById(playerId);
        if (player.isEmpty()) return java.util.Optional.empty();
        var ban = bans.record(playerId, until, reason, operator);
        signOut(new PlayerToken(playerId, player.get().getName(), clock.instant()));
        return java.util.Optional.of(ban);
    }

    /**
     * Lifts a ban: the player's tokens that are still within their lifetime work again (a sign-out the player made
     * itself is lifted with it; a guest who signed out does not come back anyway).
     */
    public boolean unban(String playerId) {
        if (!players.existsById(playerId)) return false;
        bans.forget(playerId);
        revocations.restore(playerId);
        return true;
    }

    /** A player as operators see it. */
    public record PlayerInfo(String id, String name, Instant createdAt, boolean online, String roomId) {
    }

    public java.util.Optional<PlayerInfo> info(String playerId) {
        return players.findById(playerId).map(this::info);
    }

    /** Players whose name starts with {@code prefix} regardless of case, the newest first, at most {@code limit}. */
    public java.util.List<PlayerInfo> search(String prefix, int limit) {
        return players.findByNameKeyStartingWithOrderByCreatedAtDesc(PlayerEntity.key(prefix),
                org.springframework.data.domain.PageRequest.of(0, limit)).stream().map(this::info).toList();
    }

    private PlayerInfo info(PlayerEntity p) {
        return new PlayerInfo(p.getId(), p.getName(), p.getCreatedAt(), isOnline(p.getId()), rooms.roomOf(p.getId()).orElse(null));
    }

    /** Published after a sign-out, so whatever holds the player's connections can close them. */
    public record SignedOut(String playerId) {
    }

    public boolean isOnline(String playerId) {
        if (presence.isConnected(playerId) || rooms.roomOf(playerId).isPresent()) return true;
        Instant seen = presence.lastSeen(playerId);
        return seen != null && seen.plus(props.nameHold()).isAfter(clock.instant());
    }

    private Issued issue(String playerId, String name, Instant signedInAt) {
        String token = tokens.issue(playerId, name, signedInAt);
        return new Issued(playerId, name, token, tokens.expiryOf(token));
    }
}
