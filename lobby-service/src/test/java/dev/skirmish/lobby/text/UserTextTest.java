package dev.skirmish.lobby.text;

import dev.skirmish.lobby.sessions.SessionEvent;
import dev.skirmish.lobby.web.LobbyException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one sanitizer: which characters never reach another player, and what strip and refuse do with them. */
class UserTextTest {

    @ParameterizedTest(name = "code point {0}")
    @ValueSource(ints = {
            0x00, 0x07, 0x0A, 0x0D, 0x1B, 0x7F,                          // C0 and DEL: ESC starts ESC[2J
            0x80, 0x85, 0x8D, 0x90, 0x9B, 0x9D, 0x9F,                    // C1: 8-bit CSI U+009B, OSC U+009D, NEL
            0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, // bidi marks, embeddings, overrides
            0x2066, 0x2067, 0x2068, 0x2069,                              // bidi isolates
            0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, // zero-width
            0x00AD, 0x180E, 0xE0001, 0xE0041,                            // soft hyphen, Mongolian vowel separator, tags
            0x2028, 0x2029,                                              // line and paragraph separators
            0xD800, 0xDFFF,                                              // lone surrogates
            0x115F, 0x1160, 0x3164, 0xFFA0                               // Hangul fillers: blank letters
    })
    void hiddenCharactersNeverPass(int cp) {
        assertThat(UserText.hidden(cp)).isTrue();
        String text = "a" + Character.toString(cp) + "b";
        assertThat(UserText.strip(text)).isEqualTo("ab");
        assertThat(UserText.firstHidden(text)).isEqualTo(cp);
        assertThatThrownBy(() -> UserText.requireShown(text, "INVALID_ROOM_NAME", "room name"))
                .isInstanceOfSatisfying(LobbyException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("INVALID_ROOM_NAME");
                    assertThat(e.getMessage()).startsWith("room name contains " + UserText.codePoint(cp));
                    assertThat(UserText.firstHidden(e.getMessage())).as("the refusal never echoes the character").isEqualTo(-1);
                });
    }

    @Test
    void everyControlCharacterIsHidden() {
        IntStream.rangeClosed(0, 0x1F).forEach(cp -> assertThat(UserText.hidden(cp)).as("U+%04X", cp).isTrue());
        IntStream.rangeClosed(0x7F, 0x9F).forEach(cp -> assertThat(UserText.hidden(cp)).as("U+%04X", cp).isTrue());
    }

    @Test
    void ordinaryTextOfAnyScriptPasses() {
        for (String ok : new String[] {"Friday duel", "ça va? ¿qué tal?", "Ünïcödé", "日本語のルーム", "مرحبا", "שלום",
                "Ελληνικά", "emoji 🎮🔥👍🏽", "flag 🇫🇷", "e\u0301 combining", "tab-less, 100% [ok] {} <> \\ ~"}) {
            assertThat(UserText.firstHidden(ok)).as(ok).isEqualTo(-1);
            assertThat(UserText.strip(ok)).isSameAs(ok);
            assertThat(UserText.requireShown(ok, "X", "x")).isSameAs(ok);
        }
    }

    @Test
    void terminalEscapeSequencesLoseTheirIntroducers() {
        assertThat(UserText.strip("\u001b[2J\u009b2J\u001b]0;pwned\u0007\u202Egnp.exe")).isEqualTo("[2J2J]0;pwnedgnp.exe");
        assertThat(UserText.strip(null)).isNull();
        assertThat(UserText.firstHidden(null)).isEqualTo(-1);
    }

    @Test
    void sessionEventTextFromAGameServerIsStrippedAsItIsRead() {
        String json = """
                {"eventId":"e1","type":"SESSION_ENDED","sessionId":"s1","reason":"MATCH_END\\u009b2J",
                 "result":{"reason":"MATCH\\u202E_END","winner":"bob\\u200b","durationSeconds":1.0,
                           "players":[{"name":"bob\\u0085","kills":1,"deaths":0,"damageDealt":2}]}}""";
        SessionEvent e = JsonMapper.builder().build().readValue(json, SessionEvent.class);
        assertThat(e.reason()).isEqualTo("MATCH_END2J");
        assertThat(e.result().reason()).isEqualTo("MATCH_END");
        assertThat(e.result().winner()).isEqualTo("bob");
        assertThat(e.result().players().getFirst().name()).isEqualTo("bob");
    }
}
