package dev.skirmish.orchestrator.fake;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny real game-server process for launcher tests (JDK only, run as {@code java -jar}): it follows the
 * launch contract of docs/orchestrator-api.md but misbehaves on request ({@code -Dfake.mode=silent|crash|
 * no-heartbeat|overrun}) so the orchestrator's failure handling can be tested. UDP datagrams are echoed.
 * Timing: {@code -Dfake.ready-delay-ms} (a slow start before READY), {@code -Dfake.heartbeat-ms} (period, 500),
 * {@code -Dfake.first-heartbeat-delay-ms} (a late first heartbeat, like a JVM still starting on a loaded machine),
 * {@code -Dfake.heartbeats} (stop after that many).
 */
public final class FakeGameServer {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicBoolean RESULT_SENT = new AtomicBoolean();
    private static String url;
    private static String id;
    private static String key;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--warm")) {
                opts.put("warm", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("bad argument " + args[i]);
                System.exit(2);
            }
        }
        key = System.getenv("SKIRMISH_SESSION_KEY");
        id = opts.get("session-id");
        url = opts.get("orchestrator-url");
        if (key == null || id == null || !opts.containsKey("port") || url == null) {
            System.err.println("missing --session-id/--port/--orchestrator-url or SKIRMISH_SESSION_KEY");
            System.exit(2);
        }
        String mode = System.getProperty("fake.mode", "normal");
        System.out.println("fake game server " + id + " starting, mode " + mode + ", players " + opts.get("players"));
        if (mode.equals("crash")) {
            System.err.println("boom: cannot load the arena map");
            System.exit(3);
        }
        int port = Integer.parseInt(opts.get("port"));
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(opts.getOrDefault("address", "127.0.0.1"), port));
        Thread.ofPlatform().daemon().start(() -> echo(socket));
        if (mode.equals("silent")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        if (mode.equals("stubborn")) {
            // ignores SIGTERM: the JVM cannot finish exiting while this hook sleeps, only SIGKILL ends it
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("SIGTERM received, ignoring it");
                sleepForever();
            }));
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> result("SHUTDOWN")));
        }
        boolean warm = opts.containsKey("warm");
        Thread.sleep(Long.getLong("fake.ready-delay-ms", 0));
        post("ready", "{\"address\":\"127.0.0.1\",\"port\":" + port + ",\"pid\":" + ProcessHandle.current().pid()
                + ",\"warm\":" + warm + "}");
        System.out.println("READY 127.0.0.1:" + port + " session=" + id);
        if (!mode.equals("no-heartbeat")) {
            Thread.ofPlatform().daemon().start(FakeGameServer::heartbeats);
        }
        int matchSeconds = Integer.parseInt(opts.getOrDefault("match-seconds", "180"));
        if (warm) {
            matchSeconds = awaitAllocation();
        }
        if (mode.equals("overrun")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        Thread.sleep(matchSeconds * 1000L);
        result("MATCH_END");
        System.exit(0);
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int awaitAllocation() throws Exception {
        while (true) {
            HttpResponse<String> r = HTTP.send(request("allocation").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                System.out.println("allocated: " + r.body());
                Matcher m = Pattern.compile("\"matchSeconds\"\\s*:\\s*(\\d+)").matcher(r.body());
                return m.find() ? Integer.parseInt(m.group(1)) : 180;
            }
            if (r.statusCode() != 204) {
                System.err.println("allocation poll: HTTP " + r.statusCode());
                Thread.sleep(200);
            }
        }
    }

    private static void heartbeats() {
        long tick = 0;
        try {
            Thread.sleep(Long.getLong("fake.first-heartbeat-delay-ms", 0));
        } catch (InterruptedException e) {
            return;
        }
        for (long left = Long.getLong("fake.heartbeats", Long.MAX_VALUE); left > 0; left--) {
            tick += 60;
            post("heartbeat", "{\"tick\":" + tick + ",\"phase\":\"RUNNING\",\"playersConnected\":1,\"tickMsP50\":0.2,"
                    + "\"tickMsP99\":0.9,\"tickMsMax\":1.5,\"missedTicks\":0,\"bytesIn\":" + tick * 10
                    + ",\"bytesOut\":" + tick * 40 + "}");
            try {
                Thread.sleep(Long.getLong("fake.heartbeat-ms", 500));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void result(String reason) {
        if (RESULT_SENT.compareAndSet(false, true)) {
            post("result", "{\"reason\":\"" + reason + "\",\"winner\":null,\"durationSeconds\":1.0,"
                    + "\"players\":[{\"name\":\"alice\",\"kills\":1,\"deaths\":0,\"damageDealt\":2}]}");
        }
    }

    private static void echo(DatagramSocket socket) {
        byte[] buf = new byte[1500];
        while (true) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            } catch (Exception e) {
                return;
            }
        }
    }

    private static HttpRequest.Builder request(String what) {
        return HttpRequest.newBuilder(URI.create(url + "/internal/sessions/" + id + "/" + what))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json");
    }

    private static void post(String what, String body) {
        try {
            HttpResponse<String> r = HTTP.send(request(what).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 204) {
                System.err.println(what + ": HTTP " + r.statusCode() + " " + r.body());
            }
        } catch (Exception e) {
            System.err.println(what + ": " + e);
        }
    }
}
