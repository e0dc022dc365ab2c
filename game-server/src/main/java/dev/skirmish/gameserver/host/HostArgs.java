package dev.skirmish.gameserver.host;

import dev.skirmish.gameserver.launch.ArgsParser;
import dev.skirmish.gameserver.launch.LaunchArgs;
import dev.skirmish.gameserver.launch.UsageException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar game-server.jar --host --address A --orchestrator-url U [--tick-rate R] [--max-matches N]}: a
 * process that hosts up to N matches, added over its stdin (docs/architecture.md, "match hosts"). No session id and
 * no key here: each match brings its own with its {@code add} command.
 */
public record HostArgs(String address, String orchestratorUrl, int tickRate, int maxMatches) {
    public static final int MAX_MATCHES = 200;
    private static final Set<String> VALUED = Set.of("--address", "--orchestrator-url", "--tick-rate", "--max-matches");

    /** @param argv the arguments after {@code --host} */
    public static HostArgs parse(String[] argv) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!VALUED.contains(a)) {
                throw new UsageException("--host: unknown argument '" + a + "'");
            }
            if (i + 1 >= argv.length) {
                throw new UsageException("missing value for " + a);
            }
            if (values.put(a, argv[++i]) != null) {
                throw new UsageException(a + " given twice");
            }
        }
        String address = values.get("--address");
        String url = values.get("--orchestrator-url");
        if (address == null || url == null) {
            throw new UsageException("--host needs --address and --orchestrator-url");
        }
        int tickRate = number(values, "--tick-rate", LaunchArgs.DEFAULT_TICK_RATE, 1, 240);
        int max = number(values, "--max-matches", 16, 1, MAX_MATCHES);
        return new HostArgs(address, url, tickRate, max);
    }

    private static int number(Map<String, String> values, String name, int def, int min, int max) {
        String v = values.get(name);
        return v == null ? def : ArgsParser.number(name, v, min, max);
    }
}
