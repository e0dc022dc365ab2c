package dev.skirmish.orchestrator.launch.agones;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocated GameServers this orchestrator watches, by name: one owner for the handles, so a sweep and a new
 * allocation never disagree about which GameServers a listing may judge.
 */
final class GameServerWatch {
    private static final Logger log = LoggerFactory.getLogger(GameServerWatch.class);
    private static final Set<String> ENDED = Set.of("Shutdown", "Error", "Unhealthy");

    /** Entries leave when their GameServer is gone or ended. */
    private final Map<String, GameServerHandle> watched = new ConcurrentHashMap<>();
    /** Deletes a GameServer by name with a grace period in seconds (null: the pod's own). */
    private final BiConsumer<String, Long> delete;

    GameServerWatch(BiConsumer<String, Long> delete) {
        this.delete = delete;
    }

    static boolean ended(String state) {
        return ENDED.contains(state);
    }

    /** The handle of this GameServer, watched from now on. */
    GameServerHandle watch(String name) {
        return watched.computeIfAbsent(name, n -> new GameServerHandle(n,
                grace -> delete.accept(n, grace)));
    }

    int size() {
        return watched.size();
    }

    /**
     * One listing for all watched GameServers (name to Agones state): a GameServer missing from it or in an ended
     * state completes its handle's exit. Only handles watched before the listing was asked for are judged: one
     * allocated while the listing was in flight is absent from it only because it was labelled too late for it,
     * and ending it would fail a healthy match before it reports READY.
     */
    void sweep(Supplier<Map<String, String>> listStates) {
        if (watched.isEmpty()) {
            return;
        }
        List<GameServerHandle> judged = List.copyOf(watched.values());
        Map<String, String> states;
        try {
            states = listStates.get();
        } catch (RuntimeException e) {
            log.warn("could not list GameServers: {}", e.toString());
            return;
        }
        for (GameServerHandle h : judged) {
            String state = states.get(h.name());
            if (state == null || ended(state)) {
                watched.remove(h.name(), h);
                h.ended(state == null ? -1 : "Shutdown".equals(state) ? 0 : 1);
            }
        }
    }
}
