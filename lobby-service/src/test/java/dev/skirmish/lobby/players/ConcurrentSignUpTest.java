package dev.skirmish.lobby.players;

import dev.skirmish.lobby.support.Http;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: two people (or one script) sign up with the same name at the same instant so that both checks find the
 * name free and both get it, leaving two online players who look alike in chat. Sign-ups of one name are
 * serialised by {@link NameClaims}, sign-ups of different names are not (the method-wide lock this replaced).
 */
class ConcurrentSignUpTest extends IntegrationTestBase {
    private static final int AT_ONCE = 24;
    private static final int ROUNDS = 6;

    @Test
    void concurrentSignUpsOfOneNameLetExactlyOneWinAndTheRestGet409() throws Exception {
        try (var pool = Executors.newFixedThreadPool(AT_ONCE)) {
            for (int round = 0; round < ROUNDS; round++) {
                String n = name("race");
                var start = new CountDownLatch(1);
                List<Future<Http.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    // the same name in other cases is the same name
                    String spelled = i % 2 == 0 ? n : n.toUpperCase(Locale.ROOT);
                    replies.add(pool.submit(() -> {
                        start.await();
                        return http.post("/api/players/guest", null, "{\"name\":\"" + spelled + "\"}");
                    }));
                }
                start.countDown();
                int won = 0;
                for (var f : replies) {
                    var r = f.get(30, TimeUnit.SECONDS);
                    if (r.status() == 201) {
                        won++;
                    } else {
                        assertThat(r.status()).as(r.raw()).isEqualTo(409);
                        assertThat(r.body().get("code").asString()).isEqualTo("NAME_IN_USE");
                    }
                }
                assertThat(won).as("sign-ups of '%s' that got the name", n).isEqualTo(1);
            }
        }
    }
}
