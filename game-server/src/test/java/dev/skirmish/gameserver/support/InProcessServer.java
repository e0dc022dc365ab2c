package dev.skirmish.gameserver.support;

import dev.skirmish.gameserver.launch.ArgsParser;
import dev.skirmish.gameserver.match.GameServer;
import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.report.StdoutReporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A GameServer on a real loopback UDP port, running its tick loop on a thread of the test JVM. */
public final class InProcessServer implements AutoCloseable {
    public final Tokens tokens;
    public final GameServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<MatchReport> report = new CompletableFuture<>();

    public InProcessServer(String sessionId, String... extraArgs) throws InterruptedException {
        this.tokens = new Tokens(sessionId);
        String[] base = {"--session-id", sessionId, "--port", "0", "--address", "127.0.0.1"};
        String[] all = new String[base.length + extraArgs.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extraArgs, 0, all, base.length, extraArgs.length);
        this.server = new GameServer(ArgsParser.parse(all), tokens.key,
                new StdoutReporter(sessionId, new PrintStream(out, true, StandardCharsets.UTF_8)));
        Thread.ofPlatform().name("tick-" + sessionId).start(() -> {
            try {
                report.complete(server.run());
            } catch (Throwable t) {
                report.completeExceptionally(t);
            }
        });
    }

    public String token(String name) {
        return tokens.token(name, server.port());
    }

    public MatchReport awaitReport(long seconds) throws Exception {
        return report.get(seconds, TimeUnit.SECONDS);
    }

    public String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.requestStop();
        report.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
    }
}
