package dev.skirmish.orchestrator.launch.agones;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The Kubernetes client of the agones launcher: fabric8's auto-configuration (in-cluster service account, else
 * KUBECONFIG or ~/.kube/config), with {@code master-url} to point it elsewhere (tests use the mock server).
 */
@Component
@ConditionalOnProperty(name = "skirmish.orchestrator.launcher", havingValue = "agones")
public class AgonesClientFactory {
    KubernetesClient create(AgonesProperties props) {
        Config config = props.masterUrl().isBlank() ? Config.autoConfigure(null)
                : new ConfigBuilder(Config.empty()).withMasterUrl(props.masterUrl()).withTrustCerts(true).build();
        config.setNamespace(props.namespace());
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
