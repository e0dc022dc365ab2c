package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/prometheus.yml against the compose files and the services' own settings: every target is a
 * compose service on the port that service listens on, and no job scrapes without the service key file
 * (ObservabilityIT scrapes the real services on the same path with the key).
 */
class PrometheusConfigTest {
    private static final Pattern TARGET = Pattern.compile("\"([a-z][a-z0-9-]*):(\\d+)\"");
    private static final Pattern SERVER_PORT = Pattern.compile("(?m)^server:\\s*\\n(?:\\s+.*\\n)*?\\s+port:\\s*(\\d+)");

    @Test
    void everyTargetIsAComposeServiceOnItsPortAndEveryJobSendsTheServiceKeyFromTheSecret() throws Exception {
        Path repo = Path.of(System.getProperty("e2e.repo.dir", "..")).toAbsolutePath().normalize();
        String prometheus = Files.readString(repo.resolve("deploy/prometheus/prometheus.yml"));
        String compose = Files.readString(repo.resolve("docker-compose.yml"));
        int lobbyPort = serverPort(repo.resolve("lobby-service/src/main/resources/application.yml"));
        int orchestratorPort = serverPort(repo.resolve("session-orchestrator/src/main/resources/application.yml"));

        List<String> targets = new ArrayList<>();
        Matcher m = TARGET.matcher(prometheus);
        while (m.find()) {
            String service = m.group(1);
            int port = Integer.parseInt(m.group(2));
            targets.add(service);
            assertThat(compose).as("compose service " + service).containsPattern("(?m)^  " + service + ":$");
            assertThat(port).as(service + "'s port").isEqualTo(service.startsWith("lobby") ? lobbyPort : orchestratorPort);
        }
        assertThat(targets).contains("lobby-service", "session-orchestrator");

        int jobs = count(prometheus, "- job_name:");
        assertThat(jobs).isEqualTo(2);
        assertThat(count(prometheus, "metrics_path: /actuator/prometheus")).isEqualTo(jobs);
        assertThat(count(prometheus, "credentials_file: /run/secrets/service-key")).isEqualTo(jobs);
        assertThat(compose).contains("- service-key").containsPattern("(?m)^secrets:\\n(?:  #.*\\n)*  service-key:\\n    file: ");
    }

    private static int serverPort(Path applicationYml) throws Exception {
        Matcher m = SERVER_PORT.matcher(Files.readString(applicationYml));
        assertThat(m.find()).as("server.port in " + applicationYml).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
