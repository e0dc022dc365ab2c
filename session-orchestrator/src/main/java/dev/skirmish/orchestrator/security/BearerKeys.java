package dev.skirmish.orchestrator.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Reading and comparing bearer keys; comparisons take the same time wherever the first differing byte is. */
final class BearerKeys {
    private BearerKeys() {
    }

    /** The bearer token of the request, or null when there is none. */
    static String presented(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : null;
    }

    static boolean matches(String presented, String expected) {
        return presented != null && expected != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
