package dev.skirmish.gameserver.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
        List<Object> parsed = new ArrayList<>();
        for (Path file : manifests()) {
            for (String doc : documents(file)) {
                parsed.add(parse(file, doc));
            }
        }
        assertThat(parsed).hasSizeGreaterThanOrEqualTo(15);
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
