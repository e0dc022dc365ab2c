package dev.skirmish.gameserver.agones;

import dev.skirmish.gameserver.launch.ArgsParser;
import dev.skirmish.gameserver.launch.LaunchArgs;
import dev.skirmish.gameserver.launch.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The game server under Agones (on when {@code AGONES_SDK_HTTP_PORT} is set; docs/kubernetes.md): Ready to the SDK,
 * Health at its interval, poll its own GameServer until Allocated, fetch the match from the orchestrator with the
 * fleet credential, play it like any other, and Shutdown after the result. Polling GET /gameserver (not the
 * streaming watch) keeps the client to plain request/answer calls; the poll costs one local call per interval.
 */
public final class AgonesMode {
    private static final Logger log = LoggerFactory.getLogger(AgonesMode.class);
    public static final String PORT_ENV = "AGONES_SDK_HTTP_PORT";
    /** Where the fleet secret is mounted from its Kubernetes Secret. */
    public static final String SECRET_FILE_ENV = "SKIRMISH_FLEET_SECRET_FILE";
    public static final String DEFAULT_SECRET_FILE = "/etc/skirmish/fleet/secret";
    /** Health ping period; below the Fleet's health periodSeconds. */
    public static final String HEALTH_ENV = "SKIRMISH_AGONES_HEALTH_INTERVAL_MS";
    /** How long the SDK sidecar may take to answer at start (it can start after the game server). */
    public static final String SDK_WAIT_ENV = "SKIRMISH_AGONES_SDK_WAIT_MS";
    /** {@code true}: player connects and disconnects go to the SDK's player tracking (Agones feature gate). */
    public static final String PLAYER_TRACKING_ENV = "SKIRMISH_AGONES_PLAYER_TRACKING";
    static final String SESSION_ANNOTATION = "skirmish.dev/session-id";
    private static final long WATCH_MILLIS = 200;

    private final AgonesSdk sdk;
    private final int sdkPort;
    private final long healthMillis;
    private final long sdkWaitMillis;
    private final byte[] fleetSecret;
    private final boolean playerTracking;
    /** Player changes waiting for the SDK: the tick thread only offers; at most a few per player of a match. */
    private final BlockingQueue<Object[]> players = new ArrayBlockingQueue<>(256);
    private volatile Thread health;
    private volatile Thread playerSender;

    private AgonesMode(int sdkPort, long healthMillis, long sdkWaitMillis, byte[] fleetSecret, boolean playerTracking) {
        this.playerTracking = playerTracking;
        this.sdk = new AgonesSdk(sdkPort);
        this.sdkPort = sdkPort;
        this.healthMillis = healthMillis;
        this.sdkWaitMillis = sdkWaitMillis;
        this.fleetSecret = fleetSecret;
    }

    public static boolean enabled(Map<String, String> env) {
        return env.get(PORT_ENV) != null;
    }

    /** @throws UsageException for a bad port, interval or a missing/short fleet secret (exit code 2) */
    public static AgonesMode fromEnvironment(Map<String, String> env) {
        int port = number(env, PORT_ENV, null, 1, 65535);
        long healthMs = number(env, HEALTH_ENV, 2000, 50, 60_000);
        long waitMs = number(env, SDK_WAIT_ENV, 30_000, 0, 600_000);
        Path file = Path.of(env.getOrDefault(SECRET_FILE_ENV, DEFAULT_SECRET_FILE));
        byte[] secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("Agones mode: cannot read the fleet secret at " + file + " (" + SECRET_FILE_ENV
                    + "): " + e.getClass().getSimpleName());
        }
        if (secret.length < FleetCredential.MIN_SECRET_BYTES) {
            throw new UsageException("Agones mode: the fleet secret in " + file + " is shorter than "
                    + FleetCredential.MIN_SECRET_BYTES + " bytes");
        }
        String tracking = env.getOrDefault(PLAYER_TRACKING_ENV, "false").strip();
        if (!tracking.equals("true") && !tracking.equals("false")) {
            throw new UsageException(PLAYER_TRACKING_ENV + " must be true or false, got '" + tracking + "'");
        }
        return new AgonesMode(port, healthMs, waitMs, secret, tracking.equals("true"));
    }

    /** The server's match, once Agones allocated it and the orchestrator handed it over. */
    public record Match(LaunchArgs args, String sessionKeyBase64) {
        @Override
        public String toString() {
            return "Match[session=" + args.sessionId() + "]"; // keep the key out of logs
        }
    }

    /**
     * Blocks until allocated. @throws IOException when the SDK does not answer within its wait (the server cannot
     * run under Agones), or the allocation brings no usable match
     */
    public Match awaitMatch(LaunchArgs fleetArgs) throws IOException, InterruptedException {
        waitForSdk();
        health = Thread.ofPlatform().daemon().name("agones-health").start(this::healthLoop);
        sdk.ready();
        log.info("Agones: Ready, waiting for an allocation");
        AgonesSdk.GameServerInfo gs;
        boolean failing = false;
        while (true) {
            try {
                gs = sdk.gameServer();
                failing = false;
                if ("Allocated".equals(gs.state())) {
                    break;
                }
            } catch (IOException | IllegalArgumentException e) {
                if (!failing) {
                    log.warn("Agones: GameServer not readable: {}", e.getMessage());
                }
                failing = true;
            }
            Thread.sleep(WATCH_MILLIS);
        }
        log.info("Agones: GameServer {} Allocated (session {})", gs.name(), gs.sessionId());
        Assignments.Assignment a = new Assignments(fleetArgs.orchestratorUrl(), fleetSecret).fetch(gs.name());
        if (gs.sessionId() != null && !gs.sessionId().equals(a.sessionId())) {
            throw new IOException("the orchestrator's assignment is for session " + a.sessionId()
                    + " but the allocation named " + gs.sessionId());
        }
        return new Match(fleetArgs.forMatch(a.sessionId(), a.players(), a.matchSeconds()), a.sessionKeyBase64());
    }

    /** After the result: Agones deletes the GameServer (and its pod). */
    public void shutdown() {
        try {
            sdk.shutdown();
            log.info("Agones: Shutdown sent");
        } catch (IOException e) {
            log.warn("Agones: Shutdown not delivered: {}", e.getMessage());
        }
        Thread h = health;
        if (h != null) {
            h.interrupt();
        }
    }

    public boolean playerTracking() {
        return playerTracking;
    }

    /**
     * A player connected or left (tick thread): queued for a sender thread, so a slow sidecar never holds a tick.
     * Player IDs are the player names, unique within a match. Failures are logged, never fatal.
     */
    public void playerChanged(String name, boolean connected) {
        if (!players.offer(new Object[] {name, connected})) {
            log.warn("Agones: player tracking queue full, {} not recorded", name);
            return;
        }
        Thread sender = playerSender;
        if (sender == null) {
            playerSender = Thread.ofPlatform().daemon().name("agones-players").start(this::sendPlayers);
        }
    }

    private void sendPlayers() {
        while (true) {
            Object[] change;
            try {
                change = players.take();
            } catch (InterruptedException e) {
                return;
            }
            String name = (String) change[0];
            try {
                if ((Boolean) change[1]) {
                    sdk.playerConnect(name);
                } else {
                    sdk.playerDisconnect(name);
                }
            } catch (IOException e) {
                log.warn("Agones: player tracking for {} not recorded: {}", name, e.getMessage());
            }
        }
    }

    private void waitForSdk() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + sdkWaitMillis;
        while (true) {
            try {
                sdk.gameServer();
                return;
            } catch (IOException | IllegalArgumentException e) {
                if (System.currentTimeMillis() >= deadline) {
                    throw new IOException("the Agones SDK at 127.0.0.1:" + sdkPort + " (" + PORT_ENV
                            + ") did not answer within " + sdkWaitMillis + " ms: " + e.getMessage());
                }
            }
            Thread.sleep(WATCH_MILLIS);
        }
    }

    private void healthLoop() {
        boolean failing = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sdk.health();
                failing = false;
            } catch (IOException e) {
                if (!failing) {
                    log.warn("Agones: health not delivered: {}", e.getMessage());
                }
                failing = true;
            }
            try {
                Thread.sleep(healthMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static int number(Map<String, String> env, String name, Integer def, int min, int max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            if (def == null) {
                throw new UsageException("missing environment variable " + name);
            }
            return def;
        }
        return ArgsParser.number(name, v, min, max);
    }

    static List<String> players(List<?> names) {
        return ArgsParser.players(String.join(",", names.stream().map(String::valueOf).toList()));
    }
}
