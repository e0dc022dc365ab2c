package dev.skirmish.lobby.config;

import java.util.Properties;

/**
 * The JDK's virtual-thread scheduler one carrier short of the machine's processors, unless whoever runs the lobby
 * named its parallelism ({@code -Djdk.virtualThreadScheduler.parallelism=N}). Every connection's reads, writes and
 * Jetty's selector run on virtual threads; with a carrier per processor the scheduler spread their many short tasks
 * over both carriers of a two-core machine and parked and woke them for each, and a STOMP join cost ~30 % more
 * context switches (docs/benchmarks.md, "The virtual-thread scheduler, the JDK's poller and Jetty's pool").
 * A system property because the JDK reads it once, when the first virtual thread makes its scheduler: the lobby's
 * {@code main} sets it before Spring (or anything else) starts one.
 */
public final class CarrierThreads {
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private CarrierThreads() {
    }

    /** For {@code main}, before the first virtual thread. */
    public static void beforeFirstVirtualThread() {
        defaults(System.getProperties(), Runtime.getRuntime().availableProcessors());
    }

    static void defaults(Properties system, int processors) {
        if (system.getProperty(PARALLELISM) == null) {
            system.setProperty(PARALLELISM, Integer.toString(Math.max(1, processors - 1)));
        }
    }
}
