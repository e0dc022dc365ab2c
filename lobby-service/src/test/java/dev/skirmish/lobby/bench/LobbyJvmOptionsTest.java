package dev.skirmish.lobby.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The lobby's collector options are written in four launchers of three languages (the image, ./skirmish, the Node
 * harness, the Java harness). A benchmark that ran other options than the ones that ship would measure a different
 * lobby, so the four must say the same; this fails on the first one that drifts.
 */
class LobbyJvmOptionsTest {
    private static final String SHIPPED = String.join(" ", LobbyProcess.DEFAULT_GC_OPTIONS);

    @Test
    void theImageRunsTheHarnessesOptions() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher m = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(m.find()).as("JAVA_TOOL_OPTIONS in lobby-service/Dockerfile").isTrue();
        assertThat(m.group(1)).contains(SHIPPED);
    }

    @Test
    void theLauncherRunsTheHarnessesOptions() throws IOException {
        String launcher = Files.readString(Path.of("..", "skirmish"));
        Matcher m = Pattern.compile("\\[\\[ \\$name == lobby ]] && jvm=\\(([^)]*)\\)").matcher(launcher);
        assertThat(m.find()).as("the lobby's jvm=(...) in ./skirmish").isTrue();
        assertThat(m.group(1).trim()).isEqualTo(SHIPPED);
    }

    @Test
    void theNodeHarnessRunsTheSameOptions() throws IOException {
        String proc = Files.readString(Path.of("bench", "proc.mjs"));
        Matcher m = Pattern.compile("export const LOBBY_GC = \\[([^]]*)]").matcher(proc);
        assertThat(m.find()).as("LOBBY_GC in bench/proc.mjs").isTrue();
        assertThat(m.group(1).replace("'", "").replace(",", "").trim()).isEqualTo(SHIPPED);
    }
}
