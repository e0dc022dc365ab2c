package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.PortPool;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Live sessions, their rooms and ports. Every decision that hands out capacity (a port, a slot, a warm server,
 * a room) happens under this object's lock, so concurrent requests can never get the same one.
 */
@Component
public class SessionRegistry {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> liveRooms = new ConcurrentHashMap<>();
    private final PortPool ports;
    private final OrchestratorProperties props;

    public SessionRegistry(PortPool ports, OrchestratorProperties props) {
        this.ports = ports;
        this.props = props;
    }

    /** Claims a slot and a port for a new process (room may be null for a warm server). */
    public synchronized LiveSession reserve(String roomId, boolean warm, byte[] sessionKey) {
        if (roomId != null) {
            requireRoomFree(roomId);
        }
        if (sessions.size() >= props.maxSessions()) {
            throw new SessionException(HttpStatus.SERVICE_UNAVAILABLE, "No capacity",
                    "all " + props.maxSessions() + " game-server slots are in use; retry later");
        }
        OptionalInt port = ports.acquire();
        if (port.isEmpty()) {
            throw new SessionException(HttpStatus.SERVICE_UNAVAILABLE, "No free port",
                    "every port in " + props.portRangeStart() + "-" + props.portRangeEnd() + " is in use; retry later");
        }
        String id = newId();
        Path log = props.dataDir().resolve("logs").resolve(id + ".log");
        LiveSession live = new LiveSession(id, port.getAsInt(), sessionKey, warm, log, Instant.now(), roomId);
        sessions.put(id, live);
        if (roomId != null) {
            liveRooms.put(roomId, id);
        }
        return live;
    }

    /** Hands an idle warm server to a room, or empty when none is waiting. */
    public synchronized Optional<LiveSession> takeWarm(String roomId) {
        requireRoomFree(roomId);
        for (LiveSession s : sessions.values()) {
            if (s.idleWarm()) {
                s.claimRoom(roomId);
                liveRooms.put(roomId, s.id());
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Re-adopted after a restart: the port and room stay taken. */
    public synchronized void adopt(LiveSession live) {
        ports.reserve(live.port());
        sessions.put(live.id(), live);
        if (live.roomId() != null && !live.state().terminal()) {
            liveRooms.put(live.roomId(), live.id());
        }
    }

    private void requireRoomFree(String roomId) {
        String existing = liveRooms.get(roomId);
        if (existing != null) {
            throw new SessionException(HttpStatus.CONFLICT, "Room already has a session",
                    "room " + roomId + " already has live session " + existing);
        }
    }

    /** The room may start a new match (the old process may still be shutting down). */
    public void freeRoom(LiveSession live) {
        String roomId = live.roomId();
        if (roomId != null) {
            liveRooms.remove(roomId, live.id());
        }
    }

    /** The process is gone: forget the session and give its port back. */
    public synchronized void remove(LiveSession live) {
        freeRoom(live);
        if (sessions.remove(live.id(), live)) {
            ports.release(live.port());
        }
    }

    public Optional<LiveSession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public Collection<LiveSession> all() {
        return List.copyOf(sessions.values());
    }

    public int size() {
        return sessions.size();
    }

    public int freePorts() {
        return ports.free();
    }

    private static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "s-" + HexFormat.of().formatHex(b);
    }
}
