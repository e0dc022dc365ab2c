package dev.skirmish.orchestrator.launch.agones;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Agones objects the launcher reads and writes, as fabric8 generic resources (the fields used are few and
 * stable in Agones' CRDs: allocation.agones.dev/v1 GameServerAllocation, agones.dev/v1 GameServer and Fleet).
 */
final class AgonesObjects {
    /** The session a GameServer was allocated to: label (selectable, for adoption) and annotation. */
    static final String SESSION_KEY = "skirmish.dev/session-id";
    static final String FLEET_LABEL = "agones.dev/fleet";

    static final ResourceDefinitionContext GAME_SERVERS = new ResourceDefinitionContext.Builder()
            .withGroup("agones.dev").withVersion("v1").withKind("GameServer").withPlural("gameservers")
            .withNamespaced(true).build();
    static final ResourceDefinitionContext FLEETS = new ResourceDefinitionContext.Builder()
            .withGroup("agones.dev").withVersion("v1").withKind("Fleet").withPlural("fleets")
            .withNamespaced(true).build();
    static final ResourceDefinitionContext ALLOCATIONS = new ResourceDefinitionContext.Builder()
            .withGroup("allocation.agones.dev").withVersion("v1").withKind("GameServerAllocation")
            .withPlural("gameserverallocations").withNamespaced(true).build();

    private AgonesObjects() {
    }

    /**
     * An allocation of one Ready GameServer of the fleet: the preferred label sets first, in order, then the
     * required one (Agones tries {@code selectors} in order); the session id goes onto the GameServer's metadata.
     * Nothing secret goes in: object metadata is readable by anyone who may list GameServers.
     */
    static GenericKubernetesResource allocation(AgonesProperties props, String sessionId) {
        List<Map<String, Object>> selectors = new ArrayList<>();
        for (Map<String, String> preferred : props.preferredLabels()) {
            selectors.add(selector(props, preferred));
        }
        selectors.add(selector(props, props.requiredLabels()));
        GenericKubernetesResource gsa = new GenericKubernetesResource();
        gsa.setApiVersion("allocation.agones.dev/v1");
        gsa.setKind("GameServerAllocation");
        gsa.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withGenerateName("skirmish-").withNamespace(props.namespace()).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selectors", selectors);
        spec.put("metadata", Map.of("labels", Map.of(SESSION_KEY, sessionId),
                "annotations", Map.of(SESSION_KEY, sessionId)));
        gsa.setAdditionalProperty("spec", spec);
        return gsa;
    }

    private static Map<String, Object> selector(AgonesProperties props, Map<String, String> labels) {
        Map<String, String> match = new LinkedHashMap<>(labels);
        match.put(FLEET_LABEL, props.fleet());
        return Map.of("matchLabels", match, "gameServerState", "Ready");
    }

    /** status.state of an allocation or a GameServer ("Allocated", "UnAllocated", "Contention", "Ready", ...). */
    static String state(GenericKubernetesResource r) {
        Object s = status(r).get("state");
        return s == null ? "" : s.toString();
    }

    /** The address and the host port named {@code portName} (else the first) from status. */
    static Optional<InetSocketAddress> endpoint(GenericKubernetesResource r, String portName) {
        Map<String, Object> status = status(r);
        Object address = status.get("address");
        if (!(address instanceof String host) || host.isBlank() || !(status.get("ports") instanceof List<?> ports)) {
            return Optional.empty();
        }
        Integer chosen = null;
        for (Object p : ports) {
            if (p instanceof Map<?, ?> m && m.get("port") instanceof Number n) {
                if (portName.equals(m.get("name"))) {
                    chosen = n.intValue();
                    break;
                }
                if (chosen == null) {
                    chosen = n.intValue();
                }
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        // an IP literal goes into tokens as an address (as with the other launchers; no DNS for a literal); a node
        // host name stays a name for the client to resolve
        boolean literal = host.matches("[0-9.]+|[0-9a-fA-F:]+");
        return Optional.of(literal ? new InetSocketAddress(host, chosen) : InetSocketAddress.createUnresolved(host, chosen));
    }

    static String gameServerName(GenericKubernetesResource allocation) {
        Object n = status(allocation).get("gameServerName");
        return n == null ? null : n.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource r) {
        Object s = r.getAdditionalProperties().get("status");
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
