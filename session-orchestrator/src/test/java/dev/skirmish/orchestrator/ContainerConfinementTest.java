package dev.skirmish.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.skirmish.orchestrator.launch.docker.ContainerConfinement;
import dev.skirmish.orchestrator.launch.docker.DockerLauncherProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Attack: a hole in the game server turned into a foothold on the host. Without any setting, the Docker
 * launcher's containers get their own network, no capabilities, no privilege gain, a read-only image with a tmpfs,
 * and bounded processes, memory and CPU; each can be changed by configuration (runs without a Docker engine;
 * DockerLauncherTest checks a real container).
 */
class ContainerConfinementTest {
    private static DockerLauncherProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("skirmish.orchestrator.docker", DockerLauncherProperties.class);
    }

    @Test
    void theDefaultsConfineAGameServerContainer() {
        DockerLauncherProperties props = bind(Map.of());
        assertThat(props.network()).isEqualTo("bridge");
        assertThat(props.hostNetwork()).isFalse();
        HostConfig host = ContainerConfinement.hostConfig(props);
        assertThat(host.getNetworkMode()).isEqualTo("bridge");
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges:true");
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getTmpFs()).containsExactly(Map.entry("/tmp", "rw,noexec,nosuid,size=64m"));
        assertThat(host.getPidsLimit()).isEqualTo(256L);
        assertThat(host.getNanoCPUs()).isEqualTo(1_000_000_000L);
        assertThat(host.getMemory()).isEqualTo(512L * 1024 * 1024);
        assertThat(host.getMemorySwap()).isEqualTo(512L * 1024 * 1024);
    }

    @Test
    void eachConfinementIsASetting() {
        HostConfig host = ContainerConfinement.hostConfig(bind(Map.of(
                "skirmish.orchestrator.docker.network", "host",
                "skirmish.orchestrator.docker.cpus", "0.5",
                "skirmish.orchestrator.docker.pids-limit", "0",
                "skirmish.orchestrator.docker.cap-drop", "NET_RAW,cap_mknod",
                "skirmish.orchestrator.docker.no-new-privileges", "false",
                "skirmish.orchestrator.docker.read-only-root-fs", "false",
                "skirmish.orchestrator.docker.tmpfs", "/tmp:rw,size=8m,/var/tmp")));
        assertThat(host.getNetworkMode()).isEqualTo("host");
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getPidsLimit()).isNull();
        assertThat(host.getCapDrop()).containsExactly(Capability.NET_RAW, Capability.MKNOD);
        assertThat(host.getSecurityOpts()).isNull();
        assertThat(host.getReadonlyRootfs()).isFalse();
        assertThat(host.getTmpFs()).containsExactly(Map.entry("/tmp", "rw,size=8m"), Map.entry("/var/tmp", ""));
        assertThatThrownBy(() -> bind(Map.of("skirmish.orchestrator.docker.cpus", "-1")))
                .hasStackTraceContaining("cpus");
    }
}
