package dev.skirmish.lobby.support;

import dev.skirmish.lobby.matches.MatchAssignment;
import dev.skirmish.lobby.rooms.RoomEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Records room events and match assignments from every thread (timers and launches run off the test thread). */
@TestComponent
public class EventLog {
    private final List<Object> events = new CopyOnWriteArrayList<>();
    /** When each event was published: after its change committed, so never earlier than the change, whatever the test thread did. */
    private final Map<Object, Instant> publishedAt = Collections.synchronizedMap(new IdentityHashMap<>());

    @EventListener
    void room(RoomEvent e) {
        record(e);
    }

    @EventListener
    void assignment(MatchAssignment a) {
        record(a);
    }

    private void record(Object e) {
        publishedAt.put(e, Instant.now());
        events.add(e);
    }

    public <T> Stream<T> stream(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast);
    }

    /** The wall-clock time {@code event} (one of {@link #stream}'s) was published at. */
    public Instant publishedAt(Object event) {
        return publishedAt.get(event);
    }
}
