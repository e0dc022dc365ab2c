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

    @Test
    @SuppressWarnings("unchecked")
    void theMapCleanerKeepsSeatedPlayersFromTheSeatsReadOnceNotASeatLookupPerRememberedPlayer() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of("skirmish.lobby.token-secret", "idle-seats-test-secret-0123456789abcdef")));
        var lobby = binder.bindOrCreate("skirmish.lobby", Bindable.of(LobbyProperties.class));
        var limits = binder.bindOrCreate("skirmish.lobby.limits", Bindable.of(LimitProperties.class));
        Instant seen = Instant.parse("2026-12-07T05:00:00Z");
        ObjectProvider<SharedPresence> noShared = mock(ObjectProvider.class);
        var presence = new PresenceRegistry(Clock.fixed(seen, ZoneOffset.UTC), noShared, null);
        RoomService rooms = mock(RoomService.class);
        when(rooms.seatedPlayers()).thenReturn(Set.of("seated"));
        when(rooms.roomOf("seated")).thenReturn(Optional.of("room-1"));
        presence.touch("seated");
        presence.touch("gone");
        // the sweep runs past the name hold and the reconnect window (what the cleaner keeps at most), within the idle-room TTL
        Duration past = lobby.lastSeenRead().plusSeconds(1);
        assertThat(past).isLessThan(limits.idleRoomTtl());
        var sweepClock = Clock.fixed(seen.plus(past), ZoneOffset.UTC);

        assertThat(new IdleSeats(rooms, presence, limits, lobby, sweepClock).sweep()).isZero();

        assertThat(presence.lastSeen("seated")).isNotNull();
        assertThat(presence.lastSeen("gone")).isNull();
        // on a cluster node each lookup was a PostgreSQL query, for every remembered player, at every sweep
        verify(rooms, never()).roomOf(anyString());
    }
}
