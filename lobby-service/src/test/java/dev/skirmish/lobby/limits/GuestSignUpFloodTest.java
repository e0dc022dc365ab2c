package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.support.Http;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Attack: one address signs up guest after guest (each a row in {@code players} and a token) to fill the lobby. */
class GuestSignUpFloodTest extends LimitedLobbyTestBase {
    @Autowired
    MeterRegistry meters;

    @Test
    void oneAddressGetsFiveSignUpsThen429WithRetryAfterWhileOtherAddressesStillSignUp() throws Exception {
        var flooder = new Http(port, "127.0.0.71");
        for (int i = 0; i < 5; i++) flooder.guest(name("flood"));
        assertLimited(flooder.exchange("POST", "/api/players/guest", null, "{\"name\":\"" + name("flood") + "\"}"), "SIGN_UP_RATE_LIMITED");
        // refused sign-ups cost the flooder too, also malformed ones: the check comes before the body is read
        assertLimited(flooder.exchange("POST", "/api/players/guest", null, "{\"name\":\"x\"}"), "SIGN_UP_RATE_LIMITED");

        assertThat(meters.counter("lobby.limits.refused", "code", "SIGN_UP_RATE_LIMITED").count()).as("operators see it").isGreaterThanOrEqualTo(2);

        var neighbour = new Http(port, "127.0.0.72");
        assertThat(neighbour.guest(name("neighbour")).get("token").asString()).isNotBlank();
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        assertThat(AbuseLimits.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo(AbuseLimits.addressKey("2001:db8:1:2:ffff:1:2:3"));
        assertThat(AbuseLimits.addressKey("2001:db8:1:2::1")).isNotEqualTo(AbuseLimits.addressKey("2001:db8:1:3::1"));
        assertThat(AbuseLimits.addressKey("192.0.2.1")).isNotEqualTo(AbuseLimits.addressKey("192.0.2.2"));
    }
}
