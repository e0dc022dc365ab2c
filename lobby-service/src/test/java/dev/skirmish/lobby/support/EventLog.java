package dev.skirmish.lobby.support;

import dev.skirmish.lobby.matches.MatchAssignment;
import dev.skirmish.lobby.rooms.RoomEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Records room events and match assignments from every thread (timers and launches run off the test thread). */
@TestComponent
public class EventLog {
    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void room(RoomEvent e) {
        events.add(e);
    }

    @EventListener
    void assignment(MatchAssignment a) {
        events.add(a);
    }

    public <T> Stream<T> stream(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast);
    }
}
