package dev.skirmish.lobby.web;

import java.util.regex.Pattern;

/**
 * The one format of a W3C {@code traceparent} this lobby accepts anywhere (a header from the orchestrator, the value
 * a countdown keeps on its room's row): exactly {@code 00-<32 hex>-<16 hex>-<2 hex>}, lower case, ids not all zero.
 * The protocol module's {@code Traceparent} checks the same for the orchestrator and the game server; the lobby does
 * not depend on it.
 */
public final class Traceparent {
    public static final String HEADER = "traceparent";
    /** The length of every valid value (the room row's column holds exactly this much). */
    public static final int LENGTH = 55;
    private static final Pattern FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private Traceparent() {
    }

    public static boolean valid(String value) {
        return value != null && value.length() == LENGTH && FORMAT.matcher(value).matches()
                && !value.startsWith("0".repeat(32), 3) && !value.startsWith("0".repeat(16), 36);
    }

    /** The value if {@link #valid}, else null (a new trace). */
    public static String validOrNull(String value) {
        return valid(value) ? value : null;
    }
}
