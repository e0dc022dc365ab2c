package dev.skirmish.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Attack: a hole in a containerised game server used to reach the databases (or the lobby's internal API) over
 * the compose network. Under {@code docker compose up} (docker-compose.yml with docker-compose.override.yml) the
 * orchestrator attaches game servers to the network its {@code SKIRMISH_ORCHESTRATOR_DOCKER_NETWORK} names; that
 * network must be joined by the orchestrator alone, never by postgres or the lobby. Reads the real compose files
 * (no engine needed; the merged model is what Compose builds: a service's networks come from the override file).
 */
class ComposeNetworksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return (Map<String, Object>) new Yaml(options).load(Files.readString(ROOT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    /** Network keys each service joins after merging the override over the base file ("default" if none). */
    private static Map<String, List<String>> servicesNetworks(Map<String, Object> base, Map<String, Object> override) {
        Map<String, List<String>> joined = new HashMap<>();
        for (String service : map(base.get("services")).keySet()) {
            Object nets = map(map(override.get("services")).get(service)).get("networks");
            if (nets == null) {
                nets = map(map(base.get("services")).get(service)).get("networks");
            }
            List<String> names = new ArrayList<>();
            if (nets instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> names.add(k.toString()));
            } else if (nets instanceof Collection<?> c) {
                c.forEach(k -> names.add(k.toString()));
            } else {
                names.add("default");
            }
            joined.put(service, names);
        }
        return joined;
    }

    @Test
    void gameServersShareTheirNetworkWithTheOrchestratorOnly() throws IOException {
        Map<String, Object> base = load("docker-compose.yml");
        Map<String, Object> override = load("docker-compose.override.yml");
        Object gameNetworkName = map(map(map(base.get("services")).get("session-orchestrator")).get("environment"))
                .get("SKIRMISH_ORCHESTRATOR_DOCKER_NETWORK");
        assertThat(gameNetworkName).as("the orchestrator names the game servers' network").isNotNull();
        String gameNetworkKey = map(base.get("networks")).entrySet().stream()
                .filter(e -> gameNetworkName.equals(map(e.getValue()).get("name")))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("network " + gameNetworkName + " is not declared with that name"));
        assertThat(gameNetworkKey).as("game servers get a network of their own").isNotEqualTo("default");

        Map<String, List<String>> joined = servicesNetworks(base, override);
        joined.forEach((service, networks) -> {
            if (service.equals("session-orchestrator")) {
                assertThat(networks).as("the orchestrator takes the callbacks there").contains(gameNetworkKey);
            } else {
                assertThat(networks).as(service + " must not share the game servers' network").doesNotContain(gameNetworkKey);
            }
        });
        assertThat(joined).containsKeys("postgres", "lobby-service");
    }
}
