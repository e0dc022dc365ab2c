package dev.skirmish.gameserver.host;

import dev.skirmish.gameserver.launch.UsageException;
import java.util.regex.Pattern;

/**
 * One line on a match host's stdin, from the orchestrator that started it (the only holder of the pipe):
 * <pre>
 * add SESSION_ID PORT MATCH_SECONDS PLAYERS_CSV SESSION_KEY_BASE64
 * stop SESSION_ID      (graceful: the match ends with SHUTDOWN and reports it)
 * kill SESSION_ID      (at once, no result)
 * exit                 (take no more matches; the host exits when its last match is over)
 * </pre>
 * The session key travels only here: never on a command line, in an environment or in a log line.
 */
sealed interface HostCommand {
    /** A line longer than this is refused unread (64 players × 33 chars of names + a key is ~2.2 KB). */
    int MAX_LINE = 4096;
    Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    record Add(String sessionId, int port, int matchSeconds, String playersCsv, String keyBase64) implements HostCommand {
        @Override
        public String toString() {
            return "add " + sessionId + " port " + port; // never the key
        }
    }

    record Stop(String sessionId) implements HostCommand {
    }

    record Kill(String sessionId) implements HostCommand {
    }

    record Exit() implements HostCommand {
    }

    static HostCommand parse(String line) {
        if (line.length() > MAX_LINE) {
            throw new UsageException("command longer than " + MAX_LINE + " characters");
        }
        String[] f = line.strip().split(" ");
        switch (f[0]) {
            case "add" -> {
                if (f.length != 6) {
                    throw new UsageException("add needs SESSION_ID PORT MATCH_SECONDS PLAYERS KEY");
                }
                return new Add(sessionId(f[1]), number(f[2], 1, 65535), number(f[3], 1, 3600), f[4], f[5]);
            }
            case "stop", "kill" -> {
                if (f.length != 2) {
                    throw new UsageException(f[0] + " needs SESSION_ID");
                }
                return f[0].equals("stop") ? new Stop(sessionId(f[1])) : new Kill(sessionId(f[1]));
            }
            case "exit" -> {
                return new Exit();
            }
            default -> throw new UsageException("unknown command"); // the line itself is not echoed: it may hold a key
        }
    }

    private static String sessionId(String s) {
        if (!SESSION_ID.matcher(s).matches()) {
            throw new UsageException("bad session id");
        }
        return s;
    }

    private static int number(String s, int min, int max) {
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new UsageException("number out of range " + min + "-" + max);
    }
}
