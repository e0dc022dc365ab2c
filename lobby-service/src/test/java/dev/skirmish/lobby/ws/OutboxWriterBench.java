package dev.skirmish.lobby.ws;

import java.lang.management.ManagementFactory;

/**
 * What a connection's writer costs per frame when every frame finds its connection idle (the steady state of chat:
 * a connection hears 16 lines/s at the goal's rate), without a container or a socket: {@code connections} outboxes on
 * counting stand-in sessions, {@code rounds} rounds of one frame to each, each round written out before the next.
 * Reports the process's CPU (but the polling main thread's) and the bytes every thread allocated per frame, both independent of how busy the
 * machine is (unlike wall time). Not a test (no assertion, not run by surefire); run it from lobby-service with the
 * test classpath (docs/benchmarks.md): {@code java -cp ... dev.skirmish.lobby.ws.OutboxWriterBench [connections] [rounds]}
 */
public final class OutboxWriterBench {
    private OutboxWriterBench() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        var sessions = new RecordingSession[connections];
        var outboxes = new SessionOutbox[connections];
        for (int i = 0; i < connections; i++) {
            sessions[i] = new RecordingSession(false);
            outboxes[i] = new SessionOutbox(sessions[i], 60_000, 1 << 20, o -> { });
        }
        var frame = StompFrames.of("/topic/rooms/r-1/chat", "application/json", new byte[150]).to("sub-0", 1);
        run(sessions, outboxes, frame, rounds / 2); // warm-up: the JIT, the carriers
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu0 = os.getProcessCpuTime();
        long main0 = threads.getCurrentThreadCpuTime();
        long alloc0 = threads.getTotalThreadAllocatedBytes();
        long wall0 = System.nanoTime();
        long frames = run(sessions, outboxes, frame, rounds);
        long wall = System.nanoTime() - wall0;
        // without this thread's own polling, which lasts as long as the wall time, not the work
        long cpu = os.getProcessCpuTime() - cpu0 - (threads.getCurrentThreadCpuTime() - main0);
        long alloc = threads.getTotalThreadAllocatedBytes() - alloc0;
        System.out.printf("connections %d, rounds %d, frames %d: CPU %.2f us per frame, allocated %.0f bytes per frame (wall %.1f s, load %.1f)%n",
                connections, rounds, frames, cpu / 1e3 / frames, (double) alloc / frames, wall / 1e9, os.getSystemLoadAverage());
        for (var outbox : outboxes) outbox.closed();
    }

    private static long run(RecordingSession[] sessions, SessionOutbox[] outboxes, StompFrames.Delivery frame, int rounds) throws InterruptedException {
        long expected = total(sessions);
        for (int r = 0; r < rounds; r++) {
            for (var outbox : outboxes) outbox.send(frame);
            expected += outboxes.length;
            while (total(sessions) < expected) Thread.sleep(0, 100_000);
        }
        return (long) rounds * outboxes.length;
    }

    private static long total(RecordingSession[] sessions) {
        long n = 0;
        for (var s : sessions) n += s.written.sum();
        return n;
    }
}
