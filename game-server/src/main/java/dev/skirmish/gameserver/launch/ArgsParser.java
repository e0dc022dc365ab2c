package dev.skirmish.gameserver.launch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the command line by hand: picocli would cost startup time and a dependency for eleven options. */
public final class ArgsParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> VALUED = Set.of("--session-id", "--port", "--address", "--players",
            "--tick-rate", "--match-seconds", "--orchestrator-url", "--send-rate", "--no-players-timeout",
            "--all-left-timeout", "--seed", "--metrics-file", "--metrics-warmup");
    public static final int MAX_PLAYERS = 64;

    private ArgsParser() {
    }

    public static LaunchArgs parse(String[] args) {
        return parse(args, false);
    }

    /**
     * @param agones Agones mode (docs/kubernetes.md): one Fleet template starts every server, so there is no
     *               {@code --session-id} or {@code --players} yet (both come with the assignment after allocation),
     *               and {@code --orchestrator-url} is required
     */
    public static LaunchArgs parse(String[] args, boolean agones) {
        Map<String, String> values = new HashMap<>();
        boolean warm = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (a.equals("--warm")) {
                warm = true;
                continue;
            }
            if (!VALUED.contains(a)) {
                throw new UsageException("unknown argument '" + a + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("missing value for " + a);
                }
                value = args[++i];
            }
            if (values.put(a, value) != null) {
                throw new UsageException(a + " given twice");
            }
        }
        if (agones) {
            for (String no : List.of("--session-id", "--players", "--warm")) {
                if (values.containsKey(no) || (no.equals("--warm") && warm)) {
                    throw new UsageException(no + " is not for Agones mode: the match comes with the allocation");
                }
            }
            if (!values.containsKey("--orchestrator-url")) {
                throw new UsageException("Agones mode needs --orchestrator-url");
            }
            values.put("--session-id", LaunchArgs.UNALLOCATED);
            warm = false;
        }
        String sessionId = required(values, "--session-id");
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw new UsageException("--session-id must be 1-64 of [A-Za-z0-9_.-]");
        }
        int port = intValue(values, "--port", null, 0, 65535);
        String address = required(values, "--address");
        checkAddress(address);
        List<String> players = List.of();
        if (warm) {
            if (values.containsKey("--players")) {
                throw new UsageException("--warm and --players exclude each other");
            }
        } else if (!agones) {
            players = players(required(values, "--players"));
        }
        int tickRate = intValue(values, "--tick-rate", LaunchArgs.DEFAULT_TICK_RATE, 1, 240);
        int matchSeconds = intValue(values, "--match-seconds", LaunchArgs.DEFAULT_MATCH_SECONDS, 1, 3600);
        int sendRate = intValue(values, "--send-rate", LaunchArgs.DEFAULT_SEND_RATE, 1, tickRate);
        int noPlayers = intValue(values, "--no-players-timeout", LaunchArgs.DEFAULT_NO_PLAYERS_TIMEOUT, 1, 3600);
        int allLeft = intValue(values, "--all-left-timeout", LaunchArgs.DEFAULT_ALL_LEFT_TIMEOUT, 1, 3600);
        URI orchestrator = null;
        if (values.containsKey("--orchestrator-url")) {
            orchestrator = orchestratorUrl(values.get("--orchestrator-url"));
        }
        Long seed = null;
        if (values.containsKey("--seed")) {
            try {
                seed = Long.parseLong(values.get("--seed").strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--seed must be a whole number, got '" + values.get("--seed") + "'");
            }
        }
        java.nio.file.Path metricsFile = null;
        if (values.containsKey("--metrics-file")) {
            try {
                metricsFile = java.nio.file.Path.of(values.get("--metrics-file"));
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageException("--metrics-file is not a valid path");
            }
        }
        int metricsWarmup = intValue(values, "--metrics-warmup", 0, 0, 3600);
        return new LaunchArgs(sessionId, port, address, players, tickRate, matchSeconds, orchestrator, warm, sendRate,
                noPlayers, allLeft, seed, metricsFile, metricsWarmup);
    }

    /** Checks a player list (also used for a warm server's allocation). */
    public static List<String> players(String csv) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : csv.split(",", -1)) {
            String name = n.strip();
            if (!NAME.matcher(name).matches()) {
                throw new UsageException("--players: '" + name + "' is not a name (1-32 of [A-Za-z0-9_-])");
            }
            if (!seen.add(name)) {
                throw new UsageException("--players: '" + name + "' appears twice");
            }
            names.add(name);
        }
        if (names.size() > MAX_PLAYERS) {
            throw new UsageException("--players: at most " + MAX_PLAYERS + " players, got " + names.size());
        }
        return names;
    }

    private static String required(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException("missing required argument " + name);
        }
        return v;
    }

    private static int intValue(Map<String, String> values, String name, Integer def, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            if (def == null) {
                throw new UsageException("missing required argument " + name);
            }
            return def;
        }
        return number(name, v, min, max);
    }

    /**
     * {@code value} as a number from {@code min} to {@code max}, else a {@link UsageException} that names
     * {@code name}: the one reading of a number for every way the server is started (arguments, host, Agones).
     */
    public static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, got '" + value + "'");
        }
    }

    private static void checkAddress(String address) {
        // only literal IPs: resolving a host name could block startup on DNS
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new UsageException("--address must be an IP address, got '" + address + "'");
        }
        try {
            InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new UsageException("--address must be an IP address, got '" + address + "'");
        }
    }

    private static URI orchestratorUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException("--orchestrator-url must be an http(s) URL, got '" + url + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--orchestrator-url must be an http(s) URL, got '" + url + "'");
        }
    }
}
