package dev.skirmish.lobby.security;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The firewall's hand-written character rules are exactly Spring Security's regexes they replace. */
class FirewallCharsTest {
    // StrictHttpFirewall's own patterns (spring-security-web 7.1)
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    private static void same(String s) {
        assertThat(FirewallChars.assignedNotControl(s)).as("name %s", s.codePoints().mapToObj(Integer::toHexString).toList()).isEqualTo(NAMES.matcher(s).matches());
        assertThat(FirewallChars.headerValue(s)).as("value %s", s.codePoints().mapToObj(Integer::toHexString).toList()).isEqualTo(VALUES.matcher(s).matches());
    }

    @Test
    void everyCodePointAloneAndInsideText() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String c = new String(Character.toChars(cp));
            same(c);
            if (cp < 0x3000) same("Bearer a" + c + "z");
        }
    }

    @Test
    void unpairedSurrogatesAndEmpty() {
        same("");
        same("\uD800");
        same("a\uDC00b");
        same("\uDBFF\uDFFF");
        same("\uDC00\uD800");
        same("tab\there");
    }

    /** Attack: a header smuggling a control character (here NUL and ESC) is still refused when a handler reads it. */
    @Test
    void theLobbysFirewallStillRefusesControlCharactersInHeaders() {
        var request = new MockHttpServletRequest("GET", "/ws");
        request.addHeader("X-Evil", "a\u0000b");
        request.addHeader("X-Esc\u001b", "v");
        request.addHeader("X-Tab", "a\tb");
        var firewalled = new PathFirewall().getFirewalledRequest(request);
        assertThat(firewalled.getHeader("X-Tab")).isEqualTo("a\tb");
        assertThatThrownBy(() -> firewalled.getHeader("X-Evil")).isInstanceOf(RequestRejectedException.class);
        assertThatThrownBy(() -> firewalled.getHeaders("X-Esc\u001b")).isInstanceOf(RequestRejectedException.class);
    }
}
