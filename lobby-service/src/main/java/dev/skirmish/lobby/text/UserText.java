package dev.skirmish.lobby.text;

import dev.skirmish.lobby.web.LobbyException;

/**
 * The one rule for text a player sends and other players see: player names, room names, chat (and the free text of
 * session events, which a game server can influence). A character that steers a terminal or a text renderer instead
 * of being shown never passes: Unicode {@code Cc} (C0, DEL and C1 U+0080-U+009F, whose U+009B is the 8-bit CSI that
 * starts a terminal escape sequence), {@code Cf} (the bidi controls U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069,
 * which reorder what is displayed; the zero-width U+200B-U+200D, U+2060-U+2064, U+FEFF, the soft hyphen and tag
 * characters, which hide text), line and paragraph separators (U+2028/9, a line break to some renderers), lone
 * surrogates (not text at all, encoders turn them into '?') and the Hangul fillers (blank letters that make a name
 * look empty). Fields choose what happens to such a character: names are refused ({@link #requireShown}), chat is
 * stripped ({@link #strip}). docs/lobby-api.md says which field does what.
 *
 * <p>Combining marks and emoji variation selectors stay: they are ordinary text and do not escape the line they are on.
 */
public final class UserText {
    private UserText() {
    }

    /** True for a code point that must never reach another player. */
    public static boolean hidden(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
        };
    }

    /** The first hidden code point of {@code text}, or -1 when there is none (or text is null). */
    public static int firstHidden(String text) {
        if (text == null) return -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (hidden(cp)) return cp;
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** {@code text} without its hidden code points; the same instance when it has none. Null stays null. */
    public static String strip(String text) {
        if (firstHidden(text) < 0) return text;
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !hidden(cp)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /**
     * Refuses text with a hidden code point: a 400 problem with {@code code}, whose message names the character
     * (as U+XXXX, never the character itself) and the field.
     */
    public static String requireShown(String text, String code, String field) {
        int cp = firstHidden(text);
        if (cp >= 0) throw LobbyException.badRequest(code, refusal(field, cp));
        return text;
    }

    /** "room name contains U+202E (RIGHT-TO-LEFT OVERRIDE): control, bidi and invisible characters are not allowed". */
    public static String refusal(String field, int cp) {
        String name = Character.getName(cp);
        return field + " contains " + codePoint(cp) + (name == null ? "" : " (" + name + ")")
                + ": control, bidi and invisible characters are not allowed";
    }

    /** U+009B style, at least four hex digits. */
    public static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
