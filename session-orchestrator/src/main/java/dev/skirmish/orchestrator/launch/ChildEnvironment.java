package dev.skirmish.orchestrator.launch;

import java.util.List;
import java.util.Map;

/**
 * The environment of a game-server process, built from nothing: the game server parses untrusted UDP, so it gets
 * its own session key and what a JVM needs to run, never the orchestrator's environment (which holds the service
 * key and, under ./skirmish, the lobby's token secret).
 */
public final class ChildEnvironment {
    /**
     * Copied from the orchestrator's environment when set: where to find programs, the locale and time zone the
     * JVM reads at start, where it writes temporary files, and the game server's own log level. Nothing secret.
     */
    public static final List<String> PASSED_THROUGH =
            List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SKIRMISH_LOG_LEVEL");

    /**
     * Set by the orchestrator itself, never copied from its environment: glibc allows up to 8 malloc arenas per
     * core, each keeping what its threads (the JIT's compiler threads above all) freed, so on a many-core machine
     * a game server's C heap could fragment over many arenas; two bound that whatever the core count (on the 2-core
     * benchmark machine it measured within the noise, docs/benchmarks.md "game-server memory"). A value from the
     * parent is ignored, so nothing in the orchestrator's environment reaches the child through this name.
     */
    public static final Map<String, String> SET_BY_ORCHESTRATOR = Map.of("MALLOC_ARENA_MAX", "2");

    private ChildEnvironment() {
    }

    /** Replaces the builder's inherited environment with the game server's own. */
    public static void apply(ProcessBuilder builder, String sessionKeyBase64) {
        apply(builder, sessionKeyBase64, null);
    }

    /** As {@link #apply(ProcessBuilder, String)}, with the match start's traceparent when there is one. */
    public static void apply(ProcessBuilder builder, String sessionKeyBase64, String traceparent) {
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(of(System.getenv(), sessionKeyBase64, traceparent));
    }

    /** The variables a game server gets, out of {@code parent} (the orchestrator's environment). */
    public static Map<String, String> of(Map<String, String> parent, String sessionKeyBase64) {
        return of(parent, sessionKeyBase64, null);
    }

    /** @param traceparent the match start's W3C traceparent (not secret: trace and span ids), null for none */
    public static Map<String, String> of(Map<String, String> parent, String sessionKeyBase64, String traceparent) {
        Map<String, String> env = new java.util.TreeMap<>();
        for (String name : PASSED_THROUGH) {
            String value = parent.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(SET_BY_ORCHESTRATOR);
        if (sessionKeyBase64 != null) { // null: a match host, whose matches' keys come over its stdin
            env.put(LaunchSpec.SESSION_KEY_ENV, sessionKeyBase64);
        }
        if (traceparent != null) {
            env.put(LaunchSpec.TRACEPARENT_ENV, traceparent);
        }
        return env;
    }
}
