package dev.skirmish.lobby.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The character scan must refuse exactly what Spring Security's default header regexes refuse (the firewall's rules
 * may not loosen when the regex goes): every code point alone, inside a plain value, and lone surrogates.
 */
class HeaderCharsTest {
    // StrictHttpFirewall's defaults (spring-security-web 7.1): ALLOWED_HEADER_NAMES and ALLOWED_HEADER_VALUES
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void sameAnswerAsTheRegexesForEveryCodePoint() {
        List<String> differ = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String alone = Character.toString(cp);
            String inside = "ab" + alone + "cd";
            for (String s : List.of(alone, inside)) {
                if (HeaderChars.NAMES.test(s) != NAMES.matcher(s).matches()) differ.add("name U+" + Integer.toHexString(cp));
                if (HeaderChars.VALUES.test(s) != VALUES.matcher(s).matches()) differ.add("value U+" + Integer.toHexString(cp));
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void refusesWhatTheUpgradeAttackSends() {
        // a C1 control character (UpgradeHeaderFirewallTest's attack), a NUL, a DEL, CR/LF; a tab only in values
        for (String bad : List.of("a\u0085b", "a\u0000b", "a\u007fb", "a\r\nb", "\u0001")) {
            assertThat(HeaderChars.VALUES.test(bad)).as(bad).isFalse();
            assertThat(HeaderChars.NAMES.test(bad)).as(bad).isFalse();
        }
        assertThat(HeaderChars.VALUES.test("a\tb")).isTrue();
        assertThat(HeaderChars.NAMES.test("a\tb")).isFalse();
        assertThat(HeaderChars.VALUES.test("Bearer eyJ.x-y_z~ é")).isTrue();
        assertThat(HeaderChars.VALUES.test("a\ud800b")).isEqualTo(VALUES.matcher("a\ud800b").matches());
        assertThat(HeaderChars.VALUES.test("a\udc00")).isEqualTo(VALUES.matcher("a\udc00").matches());
    }
}
