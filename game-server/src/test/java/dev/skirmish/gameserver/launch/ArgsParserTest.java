package dev.skirmish.gameserver.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsParserTest {
    private static final String[] BASE = {"--session-id", "s-1", "--port", "7003", "--address", "127.0.0.1"};

    private static String[] with(String... more) {
        String[] all = new String[BASE.length + more.length];
        System.arraycopy(BASE, 0, all, 0, BASE.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }

    @Test
    void fullLaunchLineWithDefaults() {
        LaunchArgs a = ArgsParser.parse(with("--players", "alice,bob"));
        assertThat(a.players()).containsExactly("alice", "bob");
        assertThat(a.tickRate()).isEqualTo(60);
        assertThat(a.matchSeconds()).isEqualTo(180);
        assertThat(a.orchestratorUrl()).isNull();
        assertThat(a.ticksPerSnapshot()).isEqualTo(3);
        LaunchArgs b = ArgsParser.parse(with("--players=carol", "--tick-rate", "30", "--match-seconds", "10",
                "--orchestrator-url", "http://127.0.0.1:8081"));
        assertThat(b.tickRate()).isEqualTo(30);
        assertThat(b.orchestratorUrl().getPort()).isEqualTo(8081);
    }

    @Test
    void warmNeedsNoPlayersAndExcludesThem() {
        assertThat(ArgsParser.parse(with("--warm")).warm()).isTrue();
        assertThatThrownBy(() -> ArgsParser.parse(with("--warm", "--players", "a")))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void badInputIsOneClearLine() {
        assertThatThrownBy(() -> ArgsParser.parse(with())).hasMessage("missing required argument --players");
        assertThatThrownBy(() -> ArgsParser.parse(with("--players", "a", "--tick-rate", "0")))
                .hasMessageContaining("--tick-rate must be between 1 and 240");
        assertThatThrownBy(() -> ArgsParser.parse(with("--players", "a,,b"))).hasMessageContaining("not a name");
        assertThatThrownBy(() -> ArgsParser.parse(with("--players", "a", "--orchestrator-url", "ftp://x")))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> ArgsParser.parse(new String[] {"--session-id", "s", "--port", "1", "--address",
                "example.com", "--players", "a"})).hasMessageContaining("IP address");
        assertThatThrownBy(() -> ArgsParser.parse(with("--players", "a", "--port", "1")))
                .hasMessageContaining("given twice");
    }
}
