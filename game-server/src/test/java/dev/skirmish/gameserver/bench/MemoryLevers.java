package dev.skirmish.gameserver.bench;

import dev.skirmish.protocol.token.ConnectTokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: what each JVM lever does to a game server's memory. Per lever it launches the packaged server the way
 * the orchestrator does ({@code java <options> -jar game-server.jar …}, session key in the environment), times
 * process start → READY line, samples {@code /proc/<pid>/status} (VmRSS, RssAnon, RssFile, Threads) and
 * {@code smaps_rollup} (Pss) one second after READY, then plays a 6-bot match ({@link BotFleet} at SCHED_IDLE as in
 * {@link GameServerBenchmark}) and keeps the largest sample while it runs, and reads the server's tick p99 and
 * missed ticks. RssFile is mostly the JDK's shared files (libjvm, the CDS/AOT archive), shared between game servers;
 * RssAnon is what each one costs alone; Pss is its fair share of both. Writes a markdown table.
 *
 * <pre>java -cp game-server/target/test-classes:game-server/target/game-server.jar \
 *   dev.skirmish.gameserver.bench.MemoryLevers seconds=8 [levers=base,heap32,...] [runs=1] [jcmd=Compiler.memory]
 *   [train=orchestrator|played|bots] [extra='-Xlog:gc:file=/tmp/gc-{lever}.log'] [out=...]</pre>
 * A lever's leading {@code NAME=value} words go into the server's environment; {@code runs} repeats the whole list;
 * {@code jcmd} runs that diagnostic command on each server just before it is stopped (output on stderr).
 * Bounded: 6 bots, 1–60 measured seconds per lever, 20 s to READY; no child outlives it.
 */
public final class MemoryLevers {
    private static final int PLAYERS = 6;

    /** With the options the orchestrator trains its cache with: its small-match set (a one-player match). */
    private static void train(Path jar, String jvm, Path cache, String training) throws Exception {
        switch (training) {
            case "bots" -> run("training", jvm + " -XX:AOTCacheOutput=" + cache, jar, 5, null);
            case "orchestrator" -> AotTraining.orchestratorStyle(jar, jvm, cache, false);
            case "played" -> AotTraining.orchestratorStyle(jar, jvm, cache, true);
            default -> throw new IllegalArgumentException("train=orchestrator|played|bots");
        }
    }


    public static void main(String[] argv) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            opts.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "8"));
        if (seconds < 1 || seconds > 60) throw new IllegalArgumentException("seconds 1..60");
        Path jar = Path.of(opts.getOrDefault("jar", "game-server/target/game-server.jar"));
        Path out = Path.of(opts.getOrDefault("out", "game-server/target/benchmarks/memory-levers.md"));
        // train=orchestrator (default): the cache the orchestrator builds (AotTraining: a one-player match nobody joins);
        // train=played: that match with its player joined and playing (measured, not kept); train=bots: the
        // rounds before 2026-12-05 15:30, trained on a 5 s 6-bot match (a larger cache)
        String training = opts.getOrDefault("train", "orchestrator");
        Path aot = Path.of(opts.getOrDefault("aot", "game-server/target/benchmarks/game-server"
                + (training.equals("orchestrator") ? "" : "-" + training) + ".aot")).toAbsolutePath();
        Files.createDirectories(aot.getParent());
        int runs = Integer.parseInt(opts.getOrDefault("runs", "1"));
        if (runs < 1 || runs > 5) throw new IllegalArgumentException("runs 1..5");
        String jcmd = opts.get("jcmd");
        Map<String, String> all = MemoryLeverSets.levers(aot);
        List<String> chosen = opts.containsKey("levers") ? List.of(opts.get("levers").split(",")) : List.copyOf(all.keySet());
        if (chosen.stream().anyMatch(n -> all.getOrDefault(n, "").contains("-XX:AOTCache=" + aot + " ")) && !Files.exists(aot)) {
            // the JDK 25 one-step AOT cache: a training run (a short match) writes it when the JVM exits
            System.err.println("training run for the AOT cache " + aot);
            train(jar, MemoryLeverSets.ORCHESTRATOR_SMALL, aot, training);
        }
        if (chosen.stream().anyMatch(n -> all.getOrDefault(n, "").contains(MemoryLeverSets.cohCache(aot).toString())) && !Files.exists(MemoryLeverSets.cohCache(aot))) {
            train(jar, MemoryLeverSets.ORCHESTRATOR_SMALL + " -XX:+UseCompactObjectHeaders", MemoryLeverSets.cohCache(aot),
                    training);
        }
        StringBuilder md = new StringBuilder("| lever | JVM options | start→READY ms | VmRSS after READY MiB | VmRSS max in match MiB | VmRSS at match end MiB"
                + " | RssAnon max MiB | RssFile max MiB | Pss max MiB | threads | tick p99 ms | missed ticks | server CPU s | tick CPU p50 / p99 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        md.insert(0, "load average at start: " + loadAverage() + "; " + PLAYERS + " bots, " + seconds + " s per lever\n\n");
        for (int round = 0; round < runs; round++) for (String name : chosen) {
            String jvm = all.get(name);
            if (jvm == null) throw new IllegalArgumentException("no lever " + name + "; levers: " + all.keySet());
            // extra: options added to every lever, e.g. a GC log ({lever} is replaced by the lever's name)
            jvm = jvm + " " + opts.getOrDefault("extra", "").replace("{lever}", name.replaceAll("[^A-Za-z0-9]", "_"));
            Result r = run(name, jvm, jar, seconds, jcmd);
            md.append("| ").append(name).append(" | `").append(jvm.replace(aot.toString(), "<cache>")).append("` | ").append(r.readyMs)
                    .append(" | ").append(mib(r.afterReady.get("VmRSS"))).append(" | ").append(mib(r.max.get("VmRSS"))).append(" | ").append(mib(r.last.get("VmRSS")))
                    .append(" | ").append(mib(r.max.get("RssAnon"))).append(" | ").append(mib(r.max.get("RssFile")))
                    .append(" | ").append(mib(r.max.get("Pss"))).append(" | ").append(r.max.get("Threads"))
                    .append(" | ").append(r.tickP99).append(" | ").append(r.missed).append(" | ").append(r.cpuSeconds)
                    .append(" | ").append(r.tickCpuP50).append(" / ").append(r.tickCpuP99).append(" |\n");
            System.err.print(md);
        }
        md.append("\nload average at end: ").append(loadAverage()).append('\n');
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.print(md);
    }

    private record Result(long readyMs, Map<String, Long> afterReady, Map<String, Long> max, Map<String, Long> last, String tickP99, String missed,
                          String cpuSeconds, String tickCpuP50, String tickCpuP99) {
    }

    private static Result run(String name, String jvm, Path jar, int seconds, String jcmd) throws Exception {
        byte[] key = ConnectTokens.newSessionKey();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) names.add(GameServerBenchmark.botName(i));
        Path metrics = Files.createTempFile("memory-levers", ".json");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // leading NAME=value words are the server's environment (MALLOC_ARENA_MAX=2), the rest its JVM options
        Map<String, String> env = new LinkedHashMap<>();
        for (String word : jvm.trim().split(" +")) {
            if (word.matches("[A-Z_]+=.*")) env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            else cmd.add(word);
        }
        cmd.addAll(List.of("-jar", jar.toString(), "--session-id", "levers", "--port", "0", "--address", "127.0.0.1",
                "--players", String.join(",", names), "--tick-rate", "60", "--match-seconds", "" + (seconds + 60),
                "--metrics-file", metrics.toString(), "--metrics-warmup", "2"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SKIRMISH_SESSION_KEY", Base64.getEncoder().encodeToString(key));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process server = pb.start();
        Process bots = null;
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = readReady(stdout, server);
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            int port = Integer.parseInt(ready.replaceAll(".*:(\\d+) session=.*", "$1"));
            Thread.sleep(1000);
            Map<String, Long> afterReady = sample(server.pid());
            List<String> botCmd = new ArrayList<>(List.of("chrt", "--idle", "0"));
            botCmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
                    System.getProperty("java.class.path"), BotFleet.class.getName(), "port=" + port, "players=" + PLAYERS,
                    "tickRate=60", "warmup=2", "seconds=" + seconds, "session=levers"));
            ProcessBuilder bpb = new ProcessBuilder(botCmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            bpb.environment().put("SKIRMISH_SESSION_KEY", Base64.getEncoder().encodeToString(key));
            bots = bpb.start();
            Map<String, Long> max = new LinkedHashMap<>(afterReady);
            Map<String, Long> last = afterReady;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 15L);
            while (bots.isAlive() && System.nanoTime() < deadline) {
                // the bots print RESULT after the measured seconds and wait for stdin to close
                if (bots.getInputStream().available() > 0 && new String(bots.getInputStream().readNBytes(bots.getInputStream().available()),
                        StandardCharsets.UTF_8).contains("RESULT")) {
                    break;
                }
                last = sample(server.pid());
                last.forEach((k, v) -> max.merge(k, v, Math::max));
                Thread.sleep(250);
            }
            String cpu = cpuSeconds(server.pid());
            if (jcmd != null) {
                Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), "" + server.pid(), jcmd)
                        .redirectErrorStream(true).start();
                String report = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                j.waitFor(20, TimeUnit.SECONDS);
                System.err.println("jcmd " + jcmd + " of " + name + ":\n" + report);
            }
            server.toHandle().destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly();
            String m = Files.readString(metrics);
            System.err.printf("%s: READY %d ms%n", name, readyMs);
            return new Result(readyMs, afterReady, max, last, field(m, "tick_ms_p99"), field(m, "missed_ticks"), cpu,
                    field(m, "tick_cpu_ms_p50"), field(m, "tick_cpu_ms_p99"));
        } finally {
            if (bots != null) {
                bots.getOutputStream().close();
                if (!bots.waitFor(10, TimeUnit.SECONDS)) bots.destroyForcibly();
            }
            if (server.isAlive()) server.destroyForcibly();
            Files.deleteIfExists(metrics);
        }
    }

    private static String readReady(BufferedReader stdout, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String line;
        while ((line = stdout.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("READY ")) return line;
        }
        server.destroyForcibly();
        throw new IllegalStateException("server did not print READY");
    }

    /** VmRSS, RssAnon, RssFile, Threads from /proc/pid/status and Pss from smaps_rollup (kB; Threads a count). */
    static Map<String, Long> sample(long pid) {
        Map<String, Long> s = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                for (String k : List.of("VmRSS", "RssAnon", "RssFile", "Threads")) {
                    if (line.startsWith(k + ":")) s.put(k, Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) s.put("Pss", Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        } catch (java.io.IOException gone) {
            // the process ended between two samples
        }
        return s;
    }

    /** The server's user + system CPU time so far (JIT and GC threads included), from /proc/pid/stat. */
    private static String cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command; clock ticks of 1/100 s
            return String.format("%.2f", (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String mib(Long kb) {
        return kb == null ? "?" : String.format("%.1f", kb / 1024.0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\":([-0-9.]+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
