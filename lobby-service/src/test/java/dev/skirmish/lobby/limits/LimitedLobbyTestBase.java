package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.support.Http;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.net.http.HttpResponse;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lobby on a random loopback port with small limits, one context for all the limit tests. Each test class signs
 * up from its own 127.x address, so the per-address sign-up limit of one never starves another.
 */
@TestPropertySource(properties = {
        "skirmish.lobby.limits.guest-sign-ups-per-address=5",
        "skirmish.lobby.limits.guest-sign-up-period=1h",
        "skirmish.lobby.limits.rooms-per-player=3",
        "skirmish.lobby.limits.room-period=1h",
        "skirmish.lobby.limits.join-attempts-per-player=5",
        "skirmish.lobby.limits.join-period=1h",
        "skirmish.lobby.limits.ws-connections-per-player=2",
        "skirmish.lobby.limits.matches-per-player=1",
        "skirmish.lobby.limits.idle-room-ttl=2s"})
abstract class LimitedLobbyTestBase extends IntegrationTestBase {

    /** A guest signed in from {@code address}; returns its body (id, name, token). */
    protected JsonNode guestFrom(String address, String prefix) {
        return new Http(port, address).guest(name(prefix));
    }

    /** Asserts the RFC 9457 refusal of a limit: 429, the code, and a Retry-After of at least a second. */
    protected static void assertLimited(HttpResponse<String> reply, String code) throws Exception {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(429);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(Http.JSON.readTree(reply.body()).get("code").asString()).isEqualTo(code);
        long retryAfter = Long.parseLong(reply.headers().firstValue("Retry-After").orElseThrow(() -> new AssertionError("no Retry-After")));
        assertThat(retryAfter).isPositive();
    }
}
