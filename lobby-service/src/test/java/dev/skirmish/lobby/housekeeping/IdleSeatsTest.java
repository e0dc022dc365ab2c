package dev.skirmish.lobby.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.limits.LimitProperties;
import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.players.SharedPresence;
import dev.skirmish.lobby.rooms.RoomService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IdleSeatsTest {

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = Instant.parse("2026-12-07T05:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMapCleanerKeepsSeatedPlayersFromTheSeatsReadOnceNotASeatLookupPerRememberedPlayer() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of("skirmish.lobby.token-secret", "idle-seats-test-secret-0123456789abcdef")));
        var lobby = binder.bindOrCreate("skirmish.lobby", Bindable.of(LobbyProperties.class));
        var limits = binder.bindOrCreate("skirmish.lobby.limits", Bindable.of(LimitProperties.class));
        var clock = new Moving();
        ObjectProvider<SharedPresence> noShared = mock(ObjectProvider.class);
        var presence = new PresenceRegistry(clock, noShared, null);
        RoomService rooms = mock(RoomService.class);
        when(rooms.seatedPlayers()).thenReturn(Set.of("seated"));
        when(rooms.roomOf("seated")).thenReturn(Optional.of("room-1"));
        presence.touch("seated");
        presence.touch("gone");
        // past the name hold and the reconnect window (what the cleaner keeps at most), within the idle-room TTL
        Duration past = (lobby.nameHold().compareTo(lobby.reconnectWindow()) > 0 ? lobby.nameHold() : lobby.reconnectWindow()).plusSeconds(1);
        assertThat(past).isLessThan(limits.idleRoomTtl());
        clock.now = clock.now.plus(past);

        assertThat(new IdleSeats(rooms, presence, limits, lobby, clock).sweep()).isZero();

        assertThat(presence.lastSeen("seated")).isNotNull();
        assertThat(presence.lastSeen("gone")).isNull();
        // on a cluster node each lookup was a PostgreSQL query, for every remembered player, at every sweep
        verify(rooms, never()).roomOf(anyString());
    }
}
