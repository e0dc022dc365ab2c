package dev.skirmish.orchestrator.launch.agones;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agones launcher ({@code skirmish.orchestrator.launcher=agones}), under {@code skirmish.orchestrator.agones.*}.
 *
 * @param namespace          where the fleet runs and allocations are created (default {@code default})
 * @param fleet              the Fleet whose GameServers are allocated (default {@code skirmish-game-server})
 * @param requiredLabels     labels an allocated GameServer must have besides its fleet's (default none)
 * @param preferredLabels    label sets tried first, in order, before falling back to the required ones
 *                           (default none; e.g. {@code [{region: eu-west}]})
 * @param portName           the GameServer port whose host port goes into connect tokens (default {@code default})
 * @param allocationAttempts allocations tried before a start fails with "no game server available" (default 5)
 * @param allocationBackoff  first wait between attempts, doubled each time (default 250 ms)
 * @param allocationBackoffMax the longest wait between attempts (default 2 s)
 * @param watchInterval      how often the launcher lists the fleet's GameServers to notice ended ones (default 1 s)
 * @param fleetSecret        the shared secret game servers prove their GameServer name with when they fetch their
 *                           assignment (docs/kubernetes.md); empty: assignments are refused. At least 32 bytes
 * @param masterUrl          the Kubernetes API; empty (default): in-cluster config, else KUBECONFIG / ~/.kube/config
 */
@ConfigurationProperties("skirmish.orchestrator.agones")
public record AgonesProperties(
        @DefaultValue("default") String namespace,
        @DefaultValue("skirmish-game-server") String fleet,
        Map<String, String> requiredLabels,
        List<Map<String, String>> preferredLabels,
        @DefaultValue("default") String portName,
        @DefaultValue("5") int allocationAttempts,
        @DefaultValue("250ms") Duration allocationBackoff,
        @DefaultValue("2s") Duration allocationBackoffMax,
        @DefaultValue("1s") Duration watchInterval,
        @DefaultValue("") String fleetSecret,
        @DefaultValue("") String masterUrl) {

    public AgonesProperties {
        requiredLabels = requiredLabels == null ? Map.of() : Map.copyOf(requiredLabels);
        preferredLabels = preferredLabels == null ? List.of() : preferredLabels.stream().map(Map::copyOf).toList();
        if (allocationAttempts < 1 || allocationAttempts > 100) {
            throw new IllegalArgumentException("skirmish.orchestrator.agones.allocation-attempts must be 1..100");
        }
        if (allocationBackoff.isNegative() || allocationBackoffMax.compareTo(allocationBackoff) < 0) {
            throw new IllegalArgumentException("skirmish.orchestrator.agones.allocation-backoff must be >= 0 and"
                    + " <= allocation-backoff-max");
        }
    }

    @Override
    public String toString() {
        // keep the fleet secret out of logs and actuator output
        return "AgonesProperties[namespace=" + namespace + ", fleet=" + fleet + "]";
    }
}
