package dev.skirmish.lobby.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's parallelism as the JDK takes it: in a JVM of its own, since this one made its scheduler long ago
 * and the JDK reads the property only then.
 */
class CarrierThreadsTest {
    /** What the lobby's main does first, then the parallelism of the scheduler the first virtual thread made. */
    public static void main(String[] args) throws Exception {
        CarrierThreads.beforeFirstVirtualThread();
        Thread.ofVirtual().start(() -> { }).join();
        System.out.print(ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("jdk.management:type=VirtualThreadScheduler"), "Parallelism"));
    }

    private static String schedulerParallelism(String... jvmOptions) throws Exception {
        var cmd = new ArrayList<String>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CarrierThreadsTest.class.getName()));
        Process jvm = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = jvm.getInputStream().readAllBytes();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).strip();
    }

    @Test
    void theSchedulerHasOneCarrierFewerThanTheProcessors() throws Exception {
        assertThat(schedulerParallelism("-XX:ActiveProcessorCount=4")).isEqualTo("3");
        assertThat(schedulerParallelism("-XX:ActiveProcessorCount=2")).isEqualTo("1");
    }

    @Test
    void aParallelismNamedByWhoeverRunsTheLobbyStays() throws Exception {
        assertThat(schedulerParallelism("-XX:ActiveProcessorCount=4", "-D" + CarrierThreads.PARALLELISM + "=4")).isEqualTo("4");
    }

    @Test
    void oneProcessorStillHasOneCarrier() {
        var system = new Properties();
        CarrierThreads.defaults(system, 1);
        assertThat(system.getProperty(CarrierThreads.PARALLELISM)).isEqualTo("1");
    }
}
