package dev.skirmish.orchestrator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Everything the orchestrator can be tuned with, under {@code skirmish.orchestrator.*}.
 *
 * @param gameServerJar          the game-server jar; default {@code game-server.jar} next to the working directory
 * @param javaCommand            java executable for game servers; empty = the JVM running the orchestrator
 * @param jvmOptions             JVM options for every game server, as given; default empty: each launch gets
 *                               {@code smallMatchJvmOptions} or {@code largeMatchJvmOptions} by its player count
 *                               (launch.GameServerJvmOptions). The large set keeps C2: it halves a 64-player
 *                               tick's CPU time (docs/benchmarks.md game-server); the small one is C1 only
 * @param smallMatchPlayers      a cold launch of at most this many players gets {@code smallMatchJvmOptions}
 *                               (default 8, the lobby's largest room; 0 = never)
 * @param smallMatchJvmOptions   JVM options of a small match when {@code jvmOptions} is empty (default: a 24 MiB
 *                               heap with a 3 MiB young generation, whose eden is touched whole from the first
 *                               collection on, serial GC, the C heap trimmed every 2 s, C1 only (C2's
 *                               compilations, their arenas, profiled code and method data were what peaked a
 *                               server's RSS; a 6-player tick costs the same CPU with C1), two compiler threads
 *                               whatever the host's cores (a 16-core host would start up to 12, compiling at once),
 *                               no compilation of the JDK's StackMapGenerator.processBlock (the launcher's lambda
 *                               spinning at start made C1 take a 6.4 MB arena for it, which the JVM's chunk pool and
 *                               glibc held into the match's start: ~4 MiB of the peak; start-up code only, it runs
 *                               interpreted; written with a space, not a comma), a 4096-bucket string table (it
 *                               grows by itself; 65536 buckets are 0.5 MiB malloc'ed at start);
 *                               docs/benchmarks.md "game-server memory"; -Xms minus -Xmn must leave the old
 *                               generation room for the AOT cache's ~1.3 MiB of archived objects, or the JVM refuses
 *                               the cache and the server does not start)
 * @param largeMatchJvmOptions   JVM options of every other launch when {@code jvmOptions} is empty: more players,
 *                               warm servers (their match is not known yet) and match hosts (default {@code
 *                               -Xss512k -Xmx256m -XX:+UseSerialGC}: a 64-player match's live set is 17–21 MiB)
 * @param appCds                 build (once per jar, by a training run) and use a JDK 25 AOT cache under {@code dataDir}/cds
 *                               for faster cold starts (default true; see StartupCache)
 * @param dataDir                where logs and the AOT cache live (default {@code ./data})
 * @param bindAddress            address game servers bind (default 127.0.0.1)
 * @param publicHost             host written into connect tokens and views (default 127.0.0.1)
 * @param callbackUrl            base URL game servers call back; empty = http://127.0.0.1:{server.port}
 * @param portRangeStart         first UDP port of the pool (default 7000)
 * @param portRangeEnd           last UDP port of the pool, inclusive (default 7999)
 * @param maxSessions            live game servers at most, warm ones included (default 50)
 * @param tickRate               passed as {@code --tick-rate} (default 60)
 * @param defaultMatchSeconds    match length when the request has none (default 180)
 * @param readyTimeout           how long a launch may take to report READY (default 20 s)
 * @param heartbeatInterval      expected heartbeat period (default 1 s)
 * @param missedHeartbeats       heartbeats missed before a server is UNHEALTHY and killed (default 3)
 * @param firstHeartbeatGrace    extra silence allowed right after READY (default 5 s): a fresh JVM on a loaded
 *                               machine can send its first heartbeats late; no server is UNHEALTHY before READY +
 *                               missed heartbeats × interval + this grace, and from then on the plain rule applies
 * @param reapGrace              time past the match length before the reaper kills a server (default 60 s)
 * @param stopGrace              time between SIGTERM and a forced kill (default 10 s)
 * @param reconnectGrace         added to the match length for connect-token expiry (default 60 s)
 * @param allocationPollTimeout  how long a warm server's allocation long poll is held (default 25 s)
 * @param warmPoolSize           servers kept started and waiting (default 0 = off)
 * @param warmPoolMaxStarting    warm servers starting at once at most (default 1): a refill after a burst of
 *                               allocations must not start many JVMs together and take the CPU from the running
 *                               matches and the next requests
 * @param logLinesKept           last log lines copied into a FAILED/CRASHED session (default 40)
 * @param stopSessionsOnShutdown kill every game server when the orchestrator stops (default false: they are
 *                               re-adopted after a restart)
 * @param lobbyEventsUrl         where session events are POSTed (default http://127.0.0.1:8080/internal/sessions/events)
 * @param eventRetryInitial      first retry delay of an undelivered event (default 500 ms)
 * @param eventRetryMax          retry delay cap (default 60 s)
 * @param eventTimeout           HTTP timeout of one delivery (default 10 s)
 * @param matchesPerProcess      matches one game-server process hosts at most (default 1: a process per match, as
 *                               always); above 1 the local launcher places cold matches into match-host processes
 *                               (docs/architecture.md, "Match hosts"); warm servers, Docker and Agones stay one
 *                               process per match
 * @param hostLinger             how long an empty match host waits for a next match before it is told to exit
 *                               (default 10 s)
 */
@ConfigurationProperties("skirmish.orchestrator")
public record OrchestratorProperties(
        @DefaultValue("game-server.jar") Path gameServerJar,
        @DefaultValue("") String javaCommand,
        List<String> jvmOptions,
        @DefaultValue("true") boolean appCds,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("127.0.0.1") String publicHost,
        @DefaultValue("") String callbackUrl,
        @DefaultValue("7000") int portRangeStart,
        @DefaultValue("7999") int portRangeEnd,
        @DefaultValue("50") int maxSessions,
        @DefaultValue("60") int tickRate,
        @DefaultValue("180") int defaultMatchSeconds,
        @DefaultValue("20s") Duration readyTimeout,
        @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("3") int missedHeartbeats,
        @DefaultValue("5s") Duration firstHeartbeatGrace,
        @DefaultValue("60s") Duration reapGrace,
        @DefaultValue("10s") Duration stopGrace,
        @DefaultValue("60s") Duration reconnectGrace,
        @DefaultValue("25s") Duration allocationPollTimeout,
        @DefaultValue("0") int warmPoolSize,
        @DefaultValue("1") int warmPoolMaxStarting,
        @DefaultValue("40") int logLinesKept,
        @DefaultValue("false") boolean stopSessionsOnShutdown,
        @DefaultValue("http://127.0.0.1:8080/internal/sessions/events") String lobbyEventsUrl,
        @DefaultValue("500ms") Duration eventRetryInitial,
        @DefaultValue("60s") Duration eventRetryMax,
        @DefaultValue("5s") Duration eventTimeout,
        @DefaultValue("1") int matchesPerProcess,
        @DefaultValue("10s") Duration hostLinger,
        @DefaultValue("8") int smallMatchPlayers,
        @DefaultValue({"-Xss256k", "-Xms8m", "-Xmx24m", "-Xmn3m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=2000",
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=2", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=exclude jdk.internal.classfile.impl.StackMapGenerator::processBlock",
                "-XX:StringTableSize=4096"})
        List<String> smallMatchJvmOptions,
        @DefaultValue({"-Xss512k", "-Xmx256m", "-XX:+UseSerialGC"}) List<String> largeMatchJvmOptions) {

    /**
     * Every setting at its default, bound as Spring binds it from no properties: the {@code @DefaultValue}s above stay
     * the one place a default is written, and the constructor without the newer settings takes them from here.
     */
    private static final OrchestratorProperties DEFAULTS = new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("skirmish.orchestrator", OrchestratorProperties.class);
    /** {@code smallMatchJvmOptions}'s default (its {@code @DefaultValue}). */
    public static final List<String> SMALL_MATCH_JVM_OPTIONS = DEFAULTS.smallMatchJvmOptions();
    /** {@code largeMatchJvmOptions}'s default. */
    public static final List<String> LARGE_MATCH_JVM_OPTIONS = DEFAULTS.largeMatchJvmOptions();

    @ConstructorBinding
    public OrchestratorProperties {
        if (portRangeStart < 1 || portRangeEnd > 65535 || portRangeEnd < portRangeStart) {
            throw new IllegalArgumentException("bad port range " + portRangeStart + "-" + portRangeEnd);
        }
        if (maxSessions < 1 || warmPoolSize < 0 || warmPoolMaxStarting < 1 || missedHeartbeats < 1
                || firstHeartbeatGrace.isNegative()) {
            throw new IllegalArgumentException("max-sessions >= 1, warm-pool-size >= 0, warm-pool-max-starting >= 1,"
                    + " missed-heartbeats >= 1, first-heartbeat-grace >= 0");
        }
        if (matchesPerProcess < 1 || matchesPerProcess > 200 || hostLinger.isNegative()) {
            throw new IllegalArgumentException("matches-per-process 1..200, host-linger >= 0");
        }
        if (smallMatchPlayers < 0 || smallMatchJvmOptions == null || largeMatchJvmOptions == null) {
            throw new IllegalArgumentException("small-match-players >= 0, small- and large-match-jvm-options set");
        }
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
        smallMatchJvmOptions = List.copyOf(smallMatchJvmOptions);
        largeMatchJvmOptions = List.copyOf(largeMatchJvmOptions);
    }

    /** Without the match-host and heap-sizing settings: one process per match, their defaults. */
    public OrchestratorProperties(Path gameServerJar, String javaCommand, List<String> jvmOptions, boolean appCds,
                                  Path dataDir, String bindAddress, String publicHost, String callbackUrl,
                                  int portRangeStart, int portRangeEnd, int maxSessions, int tickRate,
                                  int defaultMatchSeconds, Duration readyTimeout, Duration heartbeatInterval,
                                  int missedHeartbeats, Duration firstHeartbeatGrace, Duration reapGrace,
                                  Duration stopGrace, Duration reconnectGrace, Duration allocationPollTimeout,
                                  int warmPoolSize, int warmPoolMaxStarting, int logLinesKept,
                                  boolean stopSessionsOnShutdown, String lobbyEventsUrl, Duration eventRetryInitial,
                                  Duration eventRetryMax, Duration eventTimeout) {
        this(gameServerJar, javaCommand, jvmOptions, appCds, dataDir, bindAddress, publicHost, callbackUrl,
                portRangeStart, portRangeEnd, maxSessions, tickRate, defaultMatchSeconds, readyTimeout,
                heartbeatInterval, missedHeartbeats, firstHeartbeatGrace, reapGrace, stopGrace, reconnectGrace,
                allocationPollTimeout, warmPoolSize, warmPoolMaxStarting, logLinesKept, stopSessionsOnShutdown,
                lobbyEventsUrl, eventRetryInitial, eventRetryMax, eventTimeout, DEFAULTS.matchesPerProcess,
                DEFAULTS.hostLinger, DEFAULTS.smallMatchPlayers, SMALL_MATCH_JVM_OPTIONS, LARGE_MATCH_JVM_OPTIONS);
    }

    /** Silence after which a server counts as unhealthy (once past {@link #firstHeartbeatGrace()}). */
    public Duration heartbeatDeadline() {
        return heartbeatInterval.multipliedBy(missedHeartbeats);
    }
}
