package dev.skirmish.orchestrator.launch.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The host settings that confine a game-server container, from {@link DockerLauncherProperties}. */
public final class ContainerConfinement {
    private ContainerConfinement() {
    }

    public static HostConfig hostConfig(DockerLauncherProperties props) {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(props.network());
        if (props.memory().toBytes() > 0) {
            host.withMemory(props.memory().toBytes());
            host.withMemorySwap(props.memory().toBytes()); // no swap beyond the limit
        }
        if (props.cpus() > 0) {
            host.withNanoCPUs(Math.round(props.cpus() * 1_000_000_000L));
        }
        if (props.pidsLimit() > 0) {
            host.withPidsLimit(props.pidsLimit());
        }
        if (!props.capDrop().isEmpty()) {
            host.withCapDrop(props.capDrop().stream()
                    .map(c -> Capability.valueOf(c.strip().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "")))
                    .toArray(Capability[]::new));
        }
        if (props.noNewPrivileges()) {
            host.withSecurityOpts(List.of("no-new-privileges:true"));
        }
        host.withReadonlyRootfs(props.readOnlyRootFs());
        if (!props.tmpfs().isEmpty()) {
            Map<String, String> mounts = new LinkedHashMap<>();
            for (String m : props.tmpfs()) {
                int colon = m.indexOf(':');
                mounts.put(colon < 0 ? m : m.substring(0, colon), colon < 0 ? "" : m.substring(colon + 1));
            }
            host.withTmpFs(mounts);
        }
        return host;
    }
}
