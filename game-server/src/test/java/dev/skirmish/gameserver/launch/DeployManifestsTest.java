package dev.skirmish.gameserver.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under deploy/kubernetes parses into the Kubernetes model classes (fabric8's for the built-in kinds,
 * records of Agones' CRD fields for Fleet and FleetAutoscaler) with no field the model does not know: a misspelt
 * or misplaced field, which kubectl would drop or refuse, fails here. The Fleet's container arguments are checked
 * against the game server's launch contract by its own {@link ArgsParser}.
 */
class DeployManifestsTest {
    private static final Path DIR = Path.of("..", "deploy", "kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    // Agones' CRD fields used by deploy/ (agones.dev/v1 Fleet, autoscaling.agones.dev/v1 FleetAutoscaler)
    record Fleet(String apiVersion, String kind, ObjectMeta metadata, FleetSpec spec) { }
    record FleetSpec(Integer replicas, String scheduling, GameServerTemplate template) { }
    record GameServerTemplate(ObjectMeta metadata, GameServerSpec spec) { }
    record GameServerSpec(List<GameServerPort> ports, Health health, PodTemplateSpec template, String container) { }
    record GameServerPort(String name, String portPolicy, Integer containerPort, String protocol) { }
    record Health(Boolean disabled, Integer initialDelaySeconds, Integer periodSeconds, Integer failureThreshold) { }
    record FleetAutoscaler(String apiVersion, String kind, ObjectMeta metadata, AutoscalerSpec spec) { }
    record AutoscalerSpec(String fleetName, Policy policy, Sync sync) { }
    record Policy(String type, Buffer buffer) { }
    record Buffer(Object bufferSize, Integer minReplicas, Integer maxReplicas) { }
    record Sync(String type, FixedInterval fixedInterval) { }
    record FixedInterval(Integer seconds) { }

    @Test
    void everyManifestParsesWithNoUnknownField() throws IOException {
        List<Object> parsed = all();
        assertThat(parsed).hasSizeGreaterThanOrEqualTo(19);
        assertThat(parsed).anySatisfy(o -> assertThat(o).isInstanceOf(Fleet.class))
                .anySatisfy(o -> assertThat(o).isInstanceOf(FleetAutoscaler.class))
                .anySatisfy(o -> assertThat(o).isInstanceOf(Role.class));
    }

    @Test
    void aMisspeltFieldIsCaught() {
        String bad = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selectr:\n    a: b\n";
        assertThatThrownBy(() -> parse(Path.of("inline"), bad)).hasMessageContaining("selectr");
        String badFleet = "apiVersion: agones.dev/v1\nkind: Fleet\nmetadata:\n  name: x\nspec:\n  replica: 1\n";
        assertThatThrownBy(() -> parse(Path.of("inline"), badFleet)).hasMessageContaining("replica");
    }

    @Test
    void theFleetsArgumentsFollowTheLaunchContractInAgonesMode() throws IOException {
        Fleet fleet = null;
        FleetAutoscaler autoscaler = null;
        for (Path file : manifests()) {
            for (String doc : documents(file)) {
                Object o = parse(file, doc);
                fleet = o instanceof Fleet f ? f : fleet;
                autoscaler = o instanceof FleetAutoscaler a ? a : autoscaler;
            }
        }
        assertThat(fleet).isNotNull();
        Container c = fleet.spec().template().spec().template().getSpec().getContainers().getFirst();
        LaunchArgs args = ArgsParser.parse(c.getArgs().toArray(String[]::new), true);
        assertThat(args.port()).isEqualTo(fleet.spec().template().spec().ports().getFirst().containerPort());
        assertThat(fleet.spec().template().spec().ports().getFirst().protocol()).isEqualTo("UDP");
        assertThat(args.address()).isEqualTo("0.0.0.0");
        assertThat(args.orchestratorUrl()).hasHost("skirmish-orchestrator.skirmish.svc");
        // no secret on the command line, and the fleet secret comes from a mounted Secret, not a literal
        assertThat(String.join(" ", c.getArgs())).doesNotContainIgnoringCase("secret").doesNotContain("key");
        assertThat(c.getEnv()).noneMatch(e -> e.getName().contains("SESSION_KEY"));
        assertThat(c.getEnv()).anyMatch(e -> e.getName().equals("SKIRMISH_FLEET_SECRET_FILE"));
        assertThat(fleet.spec().template().spec().template().getSpec().getVolumes())
                .anyMatch(v -> v.getSecret() != null && "skirmish-keys".equals(v.getSecret().getSecretName()));
        assertThat(autoscaler.spec().fleetName()).isEqualTo(fleet.metadata().getName());
        assertThat(autoscaler.spec().policy().type()).isEqualTo("Buffer");
    }

    /** Env names that hold a secret (the fleet secret's file path is not one). */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSCODE|_PASS|SECRET|_KEY|TOKEN)(?<!_FILE)$");

    @Test
    void theLobbyRunsAsAClusterOfAtLeastTwoWithTheOpenProbePaths() throws IOException {
        List<Object> all = all();
        Deployment lobby = one(all, Deployment.class, "skirmish-lobby");
        assertThat(lobby.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        Map<String, String> env = plainEnv(all, lobby.getSpec().getTemplate());
        assertThat(List.of(env.get("SPRING_PROFILES_ACTIVE").split(","))).contains("cluster");
        Container c = lobby.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        // every node must check the others' tokens: the token secret comes from the shared Secret
        assertThat(secretRefs(c)).containsKeys("SKIRMISH_LOBBY_TOKEN_SECRET", "SKIRMISH_RELAY_PASSCODE");
    }

    /** Attack: reading a ConfigMap, a pod spec or a process list (ps, /proc/N/cmdline) to learn a secret. */
    @Test
    void secretsReachContainersOnlyThroughSecretKeyRefs() throws IOException {
        List<Object> all = all();
        for (ConfigMap cm : ofKind(all, ConfigMap.class)) {
            assertThat(cm.getData().keySet()).as("ConfigMap " + cm.getMetadata().getName())
                    .noneMatch(k -> SECRET_NAME.matcher(k).matches());
        }
        List<PodTemplateSpec> pods = new ArrayList<>();
        ofKind(all, Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate()));
        ofKind(all, StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate()));
        assertThat(pods).hasSizeGreaterThanOrEqualTo(4);
        for (PodTemplateSpec pod : pods) {
            for (Container c : pod.getSpec().getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (SECRET_NAME.matcher(e.getName()).matches()) {
                        assertThat(e.getValue()).as(c.getName() + " " + e.getName() + " as a literal").isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef()).as(c.getName() + " " + e.getName()).isNotNull();
                    }
                }
                List<String> cmd = new ArrayList<>(c.getCommand());
                cmd.addAll(c.getArgs());
                assertThat(cmd).as(c.getName() + "'s command line").noneMatch(a -> a.contains("$("));
            }
        }
    }

    @Test
    void theRelayHostIsTheRabbitMqServiceWithStompAndTheEventsUrlTheLobbyService() throws IOException {
        List<Object> all = all();
        Map<String, String> env = plainEnv(all, one(all, Deployment.class, "skirmish-lobby").getSpec().getTemplate());
        Service relay = one(all, Service.class, env.get("SKIRMISH_RELAY_HOST"));
        assertThat(relay.getSpec().getPorts()).anyMatch(p -> p.getPort() == Integer.parseInt(env.get("SKIRMISH_RELAY_PORT")));
        StatefulSet rabbit = ofKind(all, StatefulSet.class).stream()
                .filter(s -> s.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(relay.getSpec().getSelector().entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError("no workload behind the relay Service"));
        assertThat(rabbit.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).startsWith("rabbitmq:");
        String pluginsMap = rabbit.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
        assertThat(one(all, ConfigMap.class, pluginsMap).getData().get("enabled_plugins")).contains("rabbitmq_stomp");

        Deployment orchestrator = one(all, Deployment.class, "skirmish-orchestrator");
        URI events = URI.create(plainEnv(all, orchestrator.getSpec().getTemplate()).get("SKIRMISH_ORCHESTRATOR_LOBBY_EVENTS_URL"));
        Service lobby = one(all, Service.class, events.getHost());
        assertThat(lobby.getSpec().getPorts()).anyMatch(p -> p.getPort() == events.getPort());
        assertThat(one(all, Deployment.class, "skirmish-lobby").getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(lobby.getSpec().getSelector());
        assertThat(events.getPath()).isEqualTo("/internal/sessions/events");
    }

    private static List<Object> all() throws IOException {
        List<Object> parsed = new ArrayList<>();
        for (Path file : manifests()) {
            for (String doc : documents(file)) {
                parsed.add(parse(file, doc));
            }
        }
        return parsed;
    }

    private static <T> List<T> ofKind(List<Object> all, Class<T> kind) {
        return all.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T one(List<Object> all, Class<T> kind, String name) {
        return ofKind(all, kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named " + name));
    }

    /** The first container's plain settings: its ConfigMaps (envFrom) overlaid by its literal env values. */
    private static Map<String, String> plainEnv(List<Object> all, PodTemplateSpec pod) {
        Container c = pod.getSpec().getContainers().getFirst();
        Map<String, String> env = new HashMap<>();
        c.getEnvFrom().forEach(f -> env.putAll(one(all, ConfigMap.class, f.getConfigMapRef().getName()).getData()));
        c.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    private static Map<String, String> secretRefs(Container c) {
        Map<String, String> refs = new HashMap<>();
        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .forEach(e -> refs.put(e.getName(), e.getValueFrom().getSecretKeyRef().getKey()));
        return refs;
    }

    private static Object parse(Path file, String doc) throws IOException {
        JsonNode tree = YAML.readTree(doc);
        String kind = tree.path("kind").asText();
        Object o = switch (kind) {
            case "Fleet" -> YAML.treeToValue(tree, Fleet.class);
            case "FleetAutoscaler" -> YAML.treeToValue(tree, FleetAutoscaler.class);
            default -> {
                KubernetesResource r = Serialization.unmarshal(doc, KubernetesResource.class);
                if (r instanceof GenericKubernetesResource) {
                    throw new AssertionError(file + ": " + kind + " is not a kind the model knows");
                }
                yield r;
            }
        };
        List<String> unknown = new ArrayList<>();
        unknownFields(o, kind, unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(file + ": unknown fields " + unknown);
        }
        return o;
    }

    /** fabric8's model keeps fields it does not know in additionalProperties instead of failing: look for them. */
    private static void unknownFields(Object o, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> list) {
            list.forEach(e -> unknownFields(e, path + "[]", unknown, seen));
            return;
        }
        if (o instanceof Map<?, ?> || !(o.getClass().getName().startsWith("io.fabric8")
                || o.getClass().getName().startsWith(DeployManifestsTest.class.getName()))) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object v = m.invoke(o);
                if (m.getName().equals("getAdditionalProperties")) {
                    if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else if (m.getName().startsWith("get") || o.getClass().isRecord()) {
                    unknownFields(v, path + "." + m.getName(), unknown, seen);
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // not a property
            }
        }
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list;
        }
    }

    private static List<String> documents(Path file) throws IOException {
        List<String> docs = new ArrayList<>();
        for (String d : Files.readString(file).split("(?m)^---\\s*$")) {
            if (!d.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                docs.add(d);
            }
        }
        return docs;
    }
}
