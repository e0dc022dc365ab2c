package dev.skirmish.cli.commands;

import static dev.skirmish.cli.LobbyFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.cli.LobbyFixture;
import dev.skirmish.cli.LobbyFixture.Result;
import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.lobby.LobbyClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every scripted command against the real lobby (the orchestrator is absent, so a start fails cleanly). */
class LobbyCommandsTest {
    static LobbyFixture lobby;
    @TempDir
    static Path data;
    @TempDir
    Path alice;
    @TempDir
    Path bob;

    @BeforeAll
    static void startLobby() {
        lobby = new LobbyFixture(data, "http://127.0.0.1:9");
    }

    @AfterAll
    static void stopLobby() {
        lobby.close();
    }

    static String login(Path dir, String name) {
        Result r = cli(dir, "login", "--name", name, "--lobby", lobby.url);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("logged in as " + name);
        return CliConfig.load(dir.resolve("cli.json")).playerId();
    }

    @Test
    void usageErrorsExitWithTwoAndRefusalsWithOne() {
        assertThat(cli(alice, "login").code()).isEqualTo(2);
        assertThat(cli(alice, "rooms").code()).as("not logged in").isEqualTo(2);
        assertThat(cli(alice, "frobnicate").code()).isEqualTo(2);
        Result bad = cli(alice, "login", "--name", "x!", "--lobby", lobby.url);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("name must be 3-16 letters");
        Result unreachable = cli(alice, "login", "--name", "nobody", "--lobby", "http://127.0.0.1:9");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach the lobby");
        login(alice, "solo");
        assertThat(cli(alice, "leave").code()).as("no current room").isEqualTo(2);
        Result capacity = cli(alice, "create", "--name", "big", "--capacity", "20");
        assertThat(capacity.code()).isEqualTo(1);
        assertThat(capacity.err()).contains("capacity must be between 2 and 8");
    }

    @Test
    void roomLifecycleChatAndHistory() {
        login(alice, "alice");
        String bobId = login(bob, "bob");
        Result created = cli(alice, "create", "--name", "fun-room", "--capacity", "4");
        assertThat(created.code()).as(created.err()).isZero();
        String roomId = CliConfig.load(alice.resolve("cli.json")).roomId();
        assertThat(created.out()).contains("fun-room").contains(roomId).contains("owner alice");

        Result table = cli(bob, "rooms", "--state", "OPEN");
        assertThat(table.out()).contains("ID").contains("fun-room").contains("1/4").contains("OPEN");
        JsonNode json = LobbyClient.JSON.readTree(cli(bob, "rooms", "--json").out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.findValuesAsString("name")).contains("fun-room");
        assertThat(cli(bob, "rooms", "--state", "NOPE").code()).isEqualTo(2);

        Result joined = cli(bob, "join", roomId);
        assertThat(joined.code()).as(joined.err()).isZero();
        assertThat(joined.out()).contains("2/4").contains("bob");
        assertThat(cli(bob, "join", roomId).code()).as("joining your own room again is harmless").isZero();
        Result other = cli(bob, "create", "--name", "other-room");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("leave your current room first");

        Result said = cli(alice, "chat", "hello bob");
        assertThat(said.code()).as(said.err()).isZero();
        assertThat(said.out()).contains("alice: hello bob");
        // the lobby strips the zero-width joiner of an emoji sequence: the echo still confirms the line
        Result family = cli(alice, "chat", "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67");
        assertThat(family.code()).as(family.err()).isZero();
        assertThat(family.out()).contains("alice: family \uD83D\uDC68\uD83D\uDC69\uD83D\uDC67");
        Result history = cli(bob, "history", roomId);
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out()).contains("alice: hello bob");

        Result early = cli(alice, "start");
        assertThat(early.code()).isEqualTo(1);
        assertThat(early.err()).contains("every player must be ready");
        assertThat(cli(bob, "start").err()).contains("only the room owner");
        assertThat(cli(alice, "ready").code()).isZero();
        assertThat(cli(bob, "ready").out()).contains("bob (ready)");
        Result start = cli(alice, "start");
        assertThat(start.code()).as(start.err()).isZero();
        assertThat(start.out()).contains("STARTING");
        // no orchestrator: the lobby reports the failed launch and reopens the room
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                cli(bob, "rooms", "--state", "OPEN").out().contains("fun-room"));

        assertThat(cli(alice, "matches").out()).contains("no matches for alice");
        assertThat(cli(bob, "matches", "--player", "alice").code()).isZero();
        Result left = cli(bob, "leave");
        assertThat(left.code()).as(left.err()).isZero();
        assertThat(CliConfig.load(bob.resolve("cli.json")).roomId()).isNull();
        assertThat(cli(bob, "history", roomId).code()).as("history is for members").isEqualTo(1);
        assertThat(bobId).isNotBlank();
    }

    @Test
    void aBadStoredTokenIsRefusedWithAHintToLogInAgain() {
        login(alice, "erin");
        CliConfig c = CliConfig.load(alice.resolve("cli.json"));
        new CliConfig(c.lobby(), c.playerId(), c.name(), "not-a-token", null).save(alice.resolve("cli.json"));
        Result r = cli(alice, "rooms");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("log in again");
    }

    @Test
    void privateRoomsNeedTheCode() {
        login(alice, "carol");
        login(bob, "dave");
        Result created = cli(alice, "create", "--name", "secret", "--capacity", "2", "--private");
        assertThat(created.code()).as(created.err()).isZero();
        String code = created.out().replaceAll("(?s).*join code: (\\S+).*", "$1").strip();
        String roomId = CliConfig.load(alice.resolve("cli.json")).roomId();
        assertThat(cli(bob, "rooms").out()).doesNotContain("secret");
        Result wrong = cli(bob, "join", roomId, "--code", "nope");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("join code is wrong");
        Result right = cli(bob, "join", "--code", code);
        assertThat(right.code()).as(right.err()).isZero();
        assertThat(right.out()).contains("secret").contains("2/2");
    }
}
