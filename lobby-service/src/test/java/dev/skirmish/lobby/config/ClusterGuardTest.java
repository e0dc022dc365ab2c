package dev.skirmish.lobby.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A cluster whose nodes each made up their own token secret would sign players out whenever the balancer moves them. */
class ClusterGuardTest {
    @Test
    void aClusterNodeWithoutASharedTokenSecretRefusesToStart() {
        assertThatThrownBy(() -> ClusterGuard.check("")).isInstanceOf(IllegalStateException.class).hasMessageContaining("token-secret");
        assertThatThrownBy(() -> ClusterGuard.check(null)).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> ClusterGuard.check("a-secret-shared-by-every-node-0123456789")).doesNotThrowAnyException();
    }
}
