package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Room affinity's interest frames (docs/scaling.md, "Room affinity"): control lines in a node's own bundle stream, on
 * {@link #DESTINATION}, which starts with neither {@code /topic/} nor {@code /user/}, so a node of an older version
 * delivers nothing of them ({@link NodeBridge}'s check of a line's destination) and no client can subscribe to it.
 * The body is ASCII, one frame per line, words split by one space:
 * <pre>
 *   H                          hello: the sender is alive and speaks interest frames (every second)
 *   Q                          a request: every node answers with its snapshot
 *   + seq room                 the sender's first local subscriber of the room
 *   - seq room                 its last one left
 *   S seq more room...         the sender's rooms, in parts of at most {@link #SNAPSHOT_ROOMS} (more: 1 until the last part)
 *   A node seq                 the sender applied node's interest frames up to seq
 * </pre>
 * Untrusted (anyone with RabbitMQ credentials can publish a bundle): {@link #decode} takes at most {@link #MAX_BODY}
 * bytes, ids of {@link #MAX_ID} characters of {@code [A-Za-z0-9-]}, a positive seq of at most 18 digits, and refuses
 * the whole line on anything else.
 */
final class InterestFrames {
    static final String DESTINATION = "skirmish:interest";
    /** A room or node id: the lobby's are UUIDs (36 characters). */
    static final int MAX_ID = 64;
    static final int SNAPSHOT_ROOMS = 100;
    /** A snapshot part at its largest: {@link #SNAPSHOT_ROOMS} ids and the words before them. */
    static final int MAX_BODY = 32 + SNAPSHOT_ROOMS * (MAX_ID + 1);

    enum Kind { HELLO, REQUEST, ADD, REMOVE, SNAPSHOT, ACK }

    /** One decoded frame: {@code node} only for an ack, {@code rooms} one for +/-, the part's for a snapshot. */
    record Frame(Kind kind, long seq, String node, boolean more, List<String> rooms) {
    }

    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private InterestFrames() {
    }

    static byte[] hello() {
        return ascii("H");
    }

    static byte[] request() {
        return ascii("Q");
    }

    static byte[] add(long seq, String room) {
        return ascii("+ " + seq + " " + room);
    }

    static byte[] remove(long seq, String room) {
        return ascii("- " + seq + " " + room);
    }

    /** One part of a snapshot: at most {@link #SNAPSHOT_ROOMS} rooms. */
    static byte[] snapshot(long seq, boolean more, List<String> rooms) {
        var b = new StringBuilder("S ").append(seq).append(more ? " 1" : " 0");
        for (String r : rooms) b.append(' ').append(r);
        return ascii(b.toString());
    }

    static byte[] ack(String node, long seq) {
        return ascii("A " + node + " " + seq);
    }

    /** A room or node id the frames carry: 1 to {@link #MAX_ID} characters of ASCII letters, digits and '-'. */
    static boolean validId(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_ID) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
        }
        return true;
    }

    static Frame decode(byte[] body) throws Malformed {
        if (body == null || body.length == 0 || body.length > MAX_BODY) throw new Malformed("interest frame of " + (body == null ? 0 : body.length) + " bytes");
        for (byte b : body) if (b < 0x20 || b > 0x7e) throw new Malformed("interest frame with a byte outside printable ASCII");
        String[] w = new String(body, StandardCharsets.US_ASCII).split(" ", -1);
        switch (w[0]) {
            case "H", "Q" -> {
                words(w, 1, 1);
                return new Frame(w[0].equals("H") ? Kind.HELLO : Kind.REQUEST, 0, null, false, List.of());
            }
            case "+", "-" -> {
                words(w, 3, 3);
                return new Frame(w[0].equals("+") ? Kind.ADD : Kind.REMOVE, seq(w[1]), null, false, List.of(id(w[2])));
            }
            case "A" -> {
                words(w, 3, 3);
                return new Frame(Kind.ACK, seq(w[2]), id(w[1]), false, List.of());
            }
            case "S" -> {
                words(w, 3, 3 + SNAPSHOT_ROOMS);
                if (!w[2].equals("0") && !w[2].equals("1")) throw new Malformed("snapshot's more flag not 0 or 1");
                List<String> rooms = new ArrayList<>(w.length - 3);
                for (int i = 3; i < w.length; i++) rooms.add(id(w[i]));
                return new Frame(Kind.SNAPSHOT, seq(w[1]), null, w[2].equals("1"), rooms);
            }
            default -> throw new Malformed("unknown interest frame");
        }
    }

    private static void words(String[] w, int min, int max) throws Malformed {
        if (w.length < min || w.length > max) throw new Malformed("interest frame of " + w.length + " words (" + min + ".." + max + ")");
    }

    private static long seq(String s) throws Malformed {
        if (s.isEmpty() || s.length() > 18) throw new Malformed("seq of " + s.length() + " digits");
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new Malformed("seq not decimal");
            v = v * 10 + (c - '0');
        }
        if (v <= 0) throw new Malformed("seq not positive");
        return v;
    }

    private static String id(String s) throws Malformed {
        if (!validId(s)) throw new Malformed("id not 1.." + MAX_ID + " of [A-Za-z0-9-]");
        return s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
