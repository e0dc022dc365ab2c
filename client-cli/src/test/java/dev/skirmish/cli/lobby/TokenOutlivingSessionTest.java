package dev.skirmish.cli.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.cli.LobbyFixture;
import dev.skirmish.cli.stomp.StompClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI session longer than its token (play, bots run for hours; tokens last 1 h) against the real lobby with 4 s
 * tokens: the lobby closes a STOMP connection whose token expired with an ERROR frame TOKEN_EXPIRED, so a client that
 * neither refreshes nor reconnects goes deaf. {@link LiveLobby} refreshes the token ahead of its expiry and moves its
 * subscriptions to a new connection, and reopens one the lobby closed.
 */
class TokenOutlivingSessionTest {
    static final Duration TTL = Duration.ofSeconds(4);
    static LobbyFixture lobby;
    @TempDir
    static Path data;

    @BeforeAll
    static void startLobby() {
        lobby = LobbyFixture.withTokenTtl(data, TTL);
    }

    @AfterAll
    static void stopLobby() {
        lobby.close();
    }

    static LobbyClient guest(String name) {
        LobbyClient c = new LobbyClient(lobby.url, null);
        c.token(c.guest(name).path("token").asString());
        return c;
    }

    /** Bob says {@code text} in the lobby chat; true when {@code heard} gets it within 5 s. */
    static boolean heardAfterSaying(BlockingQueue<String> heard, String text) throws InterruptedException {
        LobbyClient bob = guest("bob" + Integer.toString((int) (Math.random() * 1e6), 36));
        try (StompClient says = StompClient.connect(bob.webSocketUri(), bob.token(), Duration.ofSeconds(10))) {
            says.send("/app/lobby/chat", "{\"text\":\"" + text + "\"}");
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            String got;
            while ((got = heard.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                if (got.contains(text)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void aListenerThatKeepsItsTokenFreshHearsTheLobbyAfterThreeTokenLifetimes() throws Exception {
        LobbyClient alice = guest("alice");
        String first = alice.token();
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (LiveLobby live = new LiveLobby(alice, Duration.ofSeconds(10)).connect()) {
            live.subscribe("/topic/lobby/chat", f -> heard.add(f.body()));
            long until = System.nanoTime() + TTL.multipliedBy(3).toNanos();
            while (System.nanoTime() < until) {
                live.maintain();
                tokens.add(alice.token());
                Thread.sleep(100);
            }
            assertThat(tokens).as("refreshed before each expiry").hasSizeGreaterThanOrEqualTo(3).contains(first);
            assertThat(live.isOpen()).as("never closed for an expired token: " + live.closedBecause()).isTrue();
            assertThat(heardAfterSaying(heard, "still-there")).as("live updates after three token lifetimes").isTrue();
            assertThat(heard).as("each message once, also across the connection swaps").noneMatch(m -> m.contains("still-there"));
        }
    }

    @Test
    void aConnectionTheLobbyClosedWithTokenExpiredIsReopenedWithARefreshedToken() throws Exception {
        LobbyClient alice = guest("alicia");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (LiveLobby live = new LiveLobby(alice, Duration.ofSeconds(10)).connect()) {
            live.subscribe("/topic/lobby/chat", f -> heard.add(f.body()));
            // the attack on the client's liveness: nobody refreshes, the lobby cuts the connection off
            await().atMost(TTL.plusSeconds(5)).until(() -> !live.isOpen());
            assertThat(live.closedBecause()).contains("TOKEN_EXPIRED");
            assertThat(heardAfterSaying(heard, "anyone-there")).as("deaf while closed").isFalse();

            String expired = alice.token();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> live.maintain() == LiveLobby.Outcome.RECONNECTED || live.isOpen());
            assertThat(alice.token()).as("refreshed within the grace").isNotEqualTo(expired);
            assertThat(heardAfterSaying(heard, "back-again")).as("live updates after the reconnect").isTrue();
        }
    }

    @Test
    void aYoungTokenIsNotRefreshed() {
        // keepFresh runs in every loop turn of play: it must not turn into a refresh (or any call) per turn
        LobbyClient alice = guest("aline");
        String token = alice.token();
        assertThat(alice.keepFresh()).isFalse();
        assertThat(alice.keepFresh()).isFalse();
        assertThat(alice.token()).isEqualTo(token);
    }
}
