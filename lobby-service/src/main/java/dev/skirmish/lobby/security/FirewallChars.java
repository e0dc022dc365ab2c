package dev.skirmish.lobby.security;

/**
 * The character rules of Spring Security's {@code StrictHttpFirewall} for header and parameter names and values,
 * checked a character at a time instead of by its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*},
 * and for header values the same plus tab). Every header a request handler reads passes through them, several times
 * over during a WebSocket handshake (Spring's copy of the headers, then Tomcat's); the regex matching was 5–7 % of a
 * STOMP join's samples (issue 19). Same rules: {@code FirewallCharsTest} compares them with the regexes over every
 * code point.
 */
final class FirewallChars {
    private FirewallChars() {
    }

    /** Every code point assigned and none a control character: a header or parameter name (parameter values: any). */
    static boolean assignedNotControl(String s) {
        return check(s, false);
    }

    /** The same, except that tabs are allowed: a header value. */
    static boolean headerValue(String s) {
        return check(s, true);
    }

    private static boolean check(String s, boolean tab) {
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            if (c < 0x80) {
                // ASCII, nearly every header: assigned, and a control character exactly below space and at DEL
                if ((c < 0x20 && !(tab && c == '\t')) || c == 0x7f) return false;
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) return false;
            i += Character.charCount(cp);
        }
        return true;
    }
}
