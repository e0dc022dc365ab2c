package dev.skirmish.orchestrator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * fabric8's Kubernetes mock server in CRUD mode with a stand-in for the Agones controller: a GameServerAllocation
 * moves the first Ready GameServer matching one of its selectors (in order) to Allocated, puts the allocation's
 * metadata on it and answers with the allocation's status filled, as Agones' allocator does (it never stores the
 * allocation); with none Ready it answers UnAllocated. Everything else is the plain CRUD store.
 */
final class AgonesStandIn implements AutoCloseable {
    static final String NAMESPACE = "skirmish-test";
    static final String FLEET = "skirmish-game-server";
    static final ResourceDefinitionContext GAME_SERVERS = new ResourceDefinitionContext.Builder()
            .withGroup("agones.dev").withVersion("v1").withKind("GameServer").withPlural("gameservers")
            .withNamespaced(true).build();

    /** Every allocation request body, in order. */
    final List<GenericKubernetesResource> allocations = new CopyOnWriteArrayList<>();
    /** A GameServer that turns Ready just before the allocation attempt of this (1-based) number. */
    private volatile int lateAttempt = Integer.MAX_VALUE;
    private volatile GenericKubernetesResource late;
    /** Told the name of each GameServer moved to Allocated (a test then plays the game server). */
    volatile Consumer<String> onAllocated = name -> { };

    private final KubernetesMockServer server;
    final KubernetesClient client;

    AgonesStandIn() {
        List<CustomResourceDefinitionContext> crds = List.of(
                crd("agones.dev", "GameServer", "gameservers"), crd("agones.dev", "Fleet", "fleets"),
                crd("allocation.agones.dev", "GameServerAllocation", "gameserverallocations"));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Allocator(crds),
                false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    String url() {
        return client.getMasterUrl().toString();
    }

    /** A Ready GameServer of the fleet at this address and host port, with extra labels. */
    void readyGameServer(String name, String address, int port, Map<String, String> labels) {
        client.genericKubernetesResources(GAME_SERVERS).inNamespace(NAMESPACE)
                .resource(readyObject(name, address, port, labels)).create();
    }

    /** Capacity that appears while the launcher retries (added inside the mock: a client call would deadlock it). */
    void readyBeforeAttempt(int attempt, String name, String address, int port, Map<String, String> labels) {
        late = readyObject(name, address, port, labels);
        lateAttempt = attempt;
    }

    private static GenericKubernetesResource readyObject(String name, String address, int port,
                                                         Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("agones.dev/fleet", FLEET);
        GenericKubernetesResource gs = new GenericKubernetesResource();
        gs.setApiVersion("agones.dev/v1");
        gs.setKind("GameServer");
        gs.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).withLabels(all).build());
        gs.setAdditionalProperty("status", Map.of("state", "Ready", "address", address,
                "ports", List.of(Map.of("name", "default", "port", port))));
        return gs;
    }

    GenericKubernetesResource gameServer(String name) {
        return client.genericKubernetesResources(GAME_SERVERS).inNamespace(NAMESPACE).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    static String state(GenericKubernetesResource gs) {
        return String.valueOf(((Map<String, Object>) gs.getAdditionalProperties().get("status")).get("state"));
    }

    void deleteGameServer(String name) {
        client.genericKubernetesResources(GAME_SERVERS).inNamespace(NAMESPACE).withName(name).delete();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static CustomResourceDefinitionContext crd(String group, String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind)
                .withPlural(plural).withScope("Namespaced").build();
    }

    private final class Allocator extends KubernetesCrudDispatcher {
        private int attempts;

        Allocator(List<CustomResourceDefinitionContext> crds) {
            super(crds);
        }

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            if (!request.getPath().contains("/gameserverallocations")) {
                return super.handleCreate(request);
            }
            synchronized (this) {
                if (++attempts == lateAttempt) {
                    String path = "/apis/agones.dev/v1/namespaces/" + NAMESPACE + "/gameservers";
                    super.handleCreate(new RecordedRequest("POST " + path + " HTTP/1.1", HttpMethod.POST, path,
                            new Headers.Builder().add("Content-Type", "application/json").build(),
                            new Buffer(Serialization.asJson(late).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
                }
                return allocate(Serialization.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class));
            }
        }

        @SuppressWarnings("unchecked")
        private MockResponse allocate(GenericKubernetesResource gsa) {
            allocations.add(gsa);
            Map<String, Object> spec = (Map<String, Object>) gsa.getAdditionalProperties().get("spec");
            String list = "/apis/agones.dev/v1/namespaces/" + NAMESPACE + "/gameservers";
            List<GenericKubernetesResource> all = Serialization.unmarshal(
                    handleGet(list).getBody().readUtf8(), GenericKubernetesResourceList.class).getItems();
            Map<String, Object> status = new LinkedHashMap<>(Map.of("state", "UnAllocated"));
            for (Map<String, Object> selector : (List<Map<String, Object>>) spec.get("selectors")) {
                Map<String, String> match = (Map<String, String>) selector.get("matchLabels");
                GenericKubernetesResource chosen = all.stream()
                        .filter(gs -> "Ready".equals(state(gs)))
                        .filter(gs -> gs.getMetadata().getLabels().entrySet().containsAll(match.entrySet()))
                        .findFirst().orElse(null);
                if (chosen != null) {
                    Map<String, Object> meta = (Map<String, Object>) spec.get("metadata");
                    chosen.getMetadata().getLabels().putAll((Map<String, String>) meta.get("labels"));
                    Map<String, String> annotations = new HashMap<>((Map<String, String>) meta.get("annotations"));
                    chosen.getMetadata().setAnnotations(annotations);
                    Map<String, Object> gsStatus = new LinkedHashMap<>(
                            (Map<String, Object>) chosen.getAdditionalProperties().get("status"));
                    gsStatus.put("state", "Allocated");
                    chosen.setAdditionalProperty("status", gsStatus);
                    String path = list + "/" + chosen.getMetadata().getName();
                    handleUpdate(new RecordedRequest("PUT " + path + " HTTP/1.1", HttpMethod.PUT, path,
                            new Headers.Builder().add("Content-Type", "application/json").build(),
                            new Buffer(Serialization.asJson(chosen).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
                    status = new LinkedHashMap<>();
                    status.put("state", "Allocated");
                    status.put("gameServerName", chosen.getMetadata().getName());
                    status.put("address", gsStatus.get("address"));
                    status.put("ports", gsStatus.get("ports"));
                    String name = chosen.getMetadata().getName();
                    Thread.ofVirtual().start(() -> onAllocated.accept(name));
                    break;
                }
            }
            gsa.setAdditionalProperty("status", status);
            gsa.getMetadata().setName("gsa-" + allocations.size());
            return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(gsa));
        }
    }

    static List<String> names(List<GenericKubernetesResource> list) {
        List<String> names = new ArrayList<>();
        list.forEach(r -> names.add(r.getMetadata().getName()));
        return names;
    }
}
