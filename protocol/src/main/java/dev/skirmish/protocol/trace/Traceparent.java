package dev.skirmish.protocol.trace;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} value (version 00) checked strictly: it arrives from the network (HTTP
 * headers, a game server's callbacks) and ends up in log lines and a child process's environment, so anything but
 * exactly {@code 00-<32 hex>-<16 hex>-<2 hex>} in lower case, with non-zero ids, is refused rather than repaired.
 */
public record Traceparent(String traceId, String parentId, String flags) {
    /** The HTTP header (and propagation key) that carries it. */
    public static final String HEADER = "traceparent";
    /** The only length a version-00 value has. */
    public static final int LENGTH = 55;
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    public Traceparent {
        if (!valid(traceId, parentId, flags)) {
            throw new IllegalArgumentException("not a valid traceparent");
        }
    }

    /** The value, or empty when it is absent or not a valid version-00 traceparent. */
    public static Optional<Traceparent> parse(String value) {
        // the length first: the pattern never runs over a long hostile string
        if (value == null || value.length() != LENGTH) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(value);
        if (!m.matches() || !valid(m.group(1), m.group(2), m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(m.group(1), m.group(2), m.group(3)));
    }

    /** Whether {@code value} would {@link #parse}. */
    public static boolean isValid(String value) {
        return parse(value).isPresent();
    }

    /** {@code value} itself if it {@link #isValid is valid}, else null (where null means: start a new trace). */
    public static String validOrNull(String value) {
        return isValid(value) ? value : null;
    }

    private static boolean valid(String traceId, String parentId, String flags) {
        return traceId != null && parentId != null && flags != null
                && traceId.length() == 32 && parentId.length() == 16 && flags.length() == 2
                && isLowerHex(traceId) && isLowerHex(parentId) && isLowerHex(flags)
                && !traceId.equals(ZERO_TRACE) && !parentId.equals(ZERO_PARENT);
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }
}
