package dev.skirmish.gameserver.support;

import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.event.GameEventCodec;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.simulation.GameEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/** A connected GameClient pressing {@link #buttons} 60 times a second and collecting the reliable events. */
public final class Bot implements AutoCloseable {
    public final GameClient client;
    public final AtomicInteger buttons = new AtomicInteger();
    public final List<GameEvent> events = new CopyOnWriteArrayList<>();
    private volatile IntUnaryOperator brain;
    private final Thread pump;
    private volatile boolean running = true;

    public Bot(String token) {
        this.client = GameClient.connect(token, Duration.ofSeconds(5));
        this.pump = Thread.ofVirtual().start(this::run);
    }

    /** Connects through {@code via} (a {@code UdpRelay} simulating a network) instead of the token's address. */
    public Bot(String token, InetSocketAddress via) {
        this.client = GameClient.connect(ConnectToken.parse(token), via, Duration.ofSeconds(10));
        this.pump = Thread.ofVirtual().start(this::run);
    }

    /** Buttons chosen each tick from the bot's own player index (for chasing). */
    public void brain(IntUnaryOperator chooser) {
        this.brain = chooser;
    }

    private void run() {
        while (running) {
            IntUnaryOperator b = brain;
            int pressed = b == null ? buttons.get() : b.applyAsInt(client.playerIndex());
            try {
                client.sendInput(pressed);
            } catch (RuntimeException e) {
                return; // closed or disconnected
            }
            client.drainEvents().forEach(e -> GameEventCodec.decode(e).ifPresent(events::add));
            try {
                Thread.sleep(16);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        pump.join(1000);
        client.close();
    }
}
