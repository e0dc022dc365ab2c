package dev.skirmish.lobby.security;

import java.util.function.Predicate;

/**
 * The firewall's header rules as a scan of the characters instead of Spring Security's regexes (issue 19, CPU per
 * join: the firewall checks a header each time anyone reads it through the request, and the WebSocket upgrade reads
 * every header at least twice; a regex match per value was ~5 % of a STOMP join's samples). Same rules as
 * {@code StrictHttpFirewall}'s defaults, code point by code point: a name is all assigned, non-control characters
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}); a value may also hold a horizontal tab
 * ({@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}). {@code HeaderCharsTest} compares both with those regexes
 * over every code point.
 */
final class HeaderChars {
    static final Predicate<String> NAMES = s -> allowed(s, false);
    static final Predicate<String> VALUES = s -> allowed(s, true);

    private HeaderChars() {
    }

    static boolean allowed(String s, boolean tab) {
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) { // printable ASCII, nearly every header: always allowed
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && cp == '\t'))) return false;
            i += Character.charCount(cp);
        }
        return true;
    }
}
