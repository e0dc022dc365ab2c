package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.support.Http;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators sign in with a configured name and bcrypt-hashed password and get a token with role ADMIN; the admin
 * chain accepts nothing else, and each sign-in lands in the audit log.
 */
class OperatorSignInTest extends AdminTestBase {
    @Test
    void anOperatorSignsInAndTheSignInIsAudited() {
        String token = adminToken();
        var me = http.get("/api/admin/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("operator").asString()).isEqualTo("root");

        var audit = http.get("/api/admin/audit?limit=10", token);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body().get(0).get("operator").asString()).isEqualTo("root");
        assertThat(audit.body().get(0).get("action").asString()).isEqualTo("SIGN_IN");
        assertThat(audit.body().get(0).get("at").isNull()).isFalse();
    }

    /** Attack: a player (or nobody) calls the moderation API; only an operator token opens /api/admin/**. */
    @Test
    void playerTokensAndNoTokenAreRefusedOnTheAdminApi() {
        String player = http.guest(name("mallory")).get("token").asString();
        for (String token : new String[] {null, player, "adm.root.99999999999.AAAA"}) {
            var r = http.get("/api/admin/audit", token);
            assertThat(r.status()).as("token " + token).isEqualTo(401);
            assertThat(r.body().get("code").asString()).isEqualTo("UNAUTHORIZED");
        }
        // and an encoded path does not slip past the chain
        assertThat(http.get("/api/%61dmin/audit", player).status()).isIn(400, 401);
    }

    /** Attack: an operator token used as a player token (an operator is not a player: no seat, no chat as "root"). */
    @Test
    void anOperatorTokenIsNoPlayerToken() {
        assertThat(http.get("/api/players/me", adminToken()).status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsUnknownNamesAndOversizedInputsAreRefused() {
        var other = new Http(port, "127.0.0.21");
        var wrong = other.post("/api/admin/sign-in", null, "{\"name\":\"root\",\"password\":\"guess\"}");
        assertThat(wrong.status()).isEqualTo(401);
        var unknown = other.post("/api/admin/sign-in", null, "{\"name\":\"nobody\",\"password\":\"guess\"}");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().get("detail").asString()).as("the same answer for both").isEqualTo(wrong.body().get("detail").asString());
        var huge = other.post("/api/admin/sign-in", null, "{\"name\":\"root\",\"password\":\"" + "x".repeat(73) + "\"}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().get("code").asString()).isEqualTo("INVALID_SIGN_IN");
    }

    /** Attack: guessing operator passwords; after 5 attempts per address (the test's limit) the lobby answers 429. */
    @Test
    void passwordGuessingIsRateLimitedPerAddress() {
        var guesser = new Http(port, "127.0.0.22");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.post("/api/admin/sign-in", null, "{\"name\":\"root\",\"password\":\"guess" + i + "\"}").status()).isEqualTo(401);
        }
        var refused = guesser.post("/api/admin/sign-in", null, "{\"name\":\"root\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("code").asString()).isEqualTo("SIGN_IN_RATE_LIMITED");
    }
}
