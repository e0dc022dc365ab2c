package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.events.OutboxEventEntity;
import dev.skirmish.orchestrator.events.OutboxRepository;
import dev.skirmish.orchestrator.launch.LocalProcessLauncher;
import dev.skirmish.orchestrator.sessions.SessionRepository;
import dev.skirmish.protocol.client.GameClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code matches-per-process: 2} against the real game-server jar: two matches share one host process, each with its
 * own port, key, players, heartbeats, result and end; a kill -9 of the host crashes each of its matches once; an
 * empty host exits after its linger.
 */
@Timeout(180)
class HostedMatchesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    static Path dir;
    static TestOrchestrator orch;

    @BeforeAll
    static void start() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        p.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7800));
        p.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7809));
        p.put("skirmish.orchestrator.matches-per-process", 2);
        p.put("skirmish.orchestrator.host-linger", "1s");
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p);
    }

    @AfterAll
    static void stop() {
        orch.close();
    }

    @Test
    void twoMatchesShareAHostAndStopOneByOneThenTheEmptyHostExits() {
        JsonNode a = create("host-a", "alice", "bob");
        JsonNode b = create("host-b", "carol", "dave");
        String idA = a.get("id").asString();
        String idB = b.get("id").asString();
        long pid = orch.session(idA).get("pid").asLong();
        assertThat(orch.session(idB).get("pid").asLong()).as("one process hosts both").isEqualTo(pid);
        assertThat(a.get("port").asInt()).isNotEqualTo(b.get("port").asInt());

        try (GameClient alice = connect(a, 0); GameClient carol = connect(b, 0)) {
            cleanUp(idA, idB);
            await().atMost(WAIT).until(() -> alice.latestSnapshot() != null && carol.latestSnapshot() != null);
            await().atMost(WAIT).until(() -> state(idA).equals("RUNNING") && state(idB).equals("RUNNING"));

            assertThat(orch.delete("/api/sessions/" + idA).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> state(idA).equals("ENDED"));
            assertThat(orch.session(idA).get("result").get("reason").asString()).isEqualTo("SHUTDOWN");
            // the other match in the same process plays on: its ticks, heartbeats and carol's snapshots go on
            long ticks = orch.session(idB).get("lastStats").get("tick").asLong();
            long tick = carol.latestSnapshot().tick();
            await().atMost(WAIT).until(() -> orch.session(idB).get("lastStats").get("tick").asLong() > ticks + 60
                    && carol.latestSnapshot().tick() > tick + 60);
            assertThat(state(idB)).isEqualTo("RUNNING");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

            assertThat(orch.delete("/api/sessions/" + idB).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> state(idB).equals("ENDED"));
        }
        // empty: told to exit after its linger (1 s here)
        await().atMost(WAIT).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        await().atMost(WAIT).until(() -> orch.bean(LocalProcessLauncher.class).matchHosts() == 0);
    }

    @Test
    void killingTheHostCrashesEachOfItsMatchesOnceAndTheNextMatchGetsANewHost() {
        JsonNode c = create("host-c", "erin");
        JsonNode d = create("host-d", "frank");
        String idC = c.get("id").asString();
        String idD = d.get("id").asString();
        long pid = orch.session(idC).get("pid").asLong();
        assertThat(orch.session(idD).get("pid").asLong()).isEqualTo(pid);

        cleanUp(idC, idD);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(WAIT).until(() -> state(idC).equals("CRASHED") && state(idD).equals("CRASHED"));
        for (String id : new String[] {idC, idD}) {
            assertThat(orch.session(id).get("endReason").asString()).startsWith("EXITED");
            // reported to the lobby once: one terminal event per match, however its end was learnt
            assertThat(orch.bean(OutboxRepository.class).findBySessionIdOrderByCreatedAt(id))
                    .extracting(OutboxEventEntity::getType)
                    .filteredOn(t -> !t.equals("SESSION_READY")).containsExactly("SESSION_CRASHED");
        }

        JsonNode e = create("host-e", "gina");
        String idE = e.get("id").asString();
        cleanUp(idE);
        assertThat(orch.session(idE).get("pid").asLong()).isNotEqualTo(pid);
        orch.delete("/api/sessions/" + idE);
        await().atMost(WAIT).until(() -> state(idE).equals("ENDED"));
    }

    /**
     * The attacks on the key channel of a match host: another local process reading a match's session key (any
     * user can read every process's command line; environments and log files are a permission slip away) or
     * adding a match of its own (a control port anyone on the machine could reach). Keys travel only over the
     * host's stdin pipe, which only the orchestrator holds: no key in the host's command line, environment or log,
     * and the host listens on nothing but the matches' UDP ports.
     */
    @Test
    void noKeyInTheHostsCommandLineEnvironmentOrLogAndNoControlPort() throws Exception {
        JsonNode f = create("host-f", "hank");
        JsonNode g = create("host-g", "ivan");
        String idF = f.get("id").asString();
        String idG = g.get("id").asString();
        cleanUp(idF, idG);
        long pid = orch.session(idF).get("pid").asLong();
        assertThat(orch.session(idG).get("pid").asLong()).isEqualTo(pid);
        try {
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.ISO_8859_1);
            String environ = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.ISO_8859_1);
            assertThat(cmdline).contains("--host");
            assertThat(environ).doesNotContain("SKIRMISH_SESSION_KEY");
            SessionRepository repo = orch.bean(SessionRepository.class);
            for (String id : new String[] {idF, idG}) {
                String key = repo.findById(id).orElseThrow().getSessionKey();
                assertThat(cmdline).doesNotContain(key);
                assertThat(environ).doesNotContain(key);
                try (var logs = Files.list(dir.resolve("logs"))) {
                    for (Path log : logs.toList()) {
                        assertThat(Files.readString(log)).as(log.toString()).doesNotContain(key);
                    }
                }
            }
            assertThat(ProcSockets.of(pid)).as("the host's sockets").containsExactlyInAnyOrder(
                    "udp:" + f.get("port").asInt(), "udp:" + g.get("port").asInt());
        } finally {
            orch.delete("/api/sessions/" + idF);
            orch.delete("/api/sessions/" + idG);
            await().atMost(WAIT).until(() -> state(idF).equals("ENDED") && state(idG).equals("ENDED"));
        }
    }

    /** Should the test fail half-way, its matches are stopped anyway, so the next test finds an empty host. */
    private static void cleanUp(String... ids) {
        cleanups.add(ids);
    }

    private static final java.util.List<String[]> cleanups = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopLeftovers() {
        for (String[] ids : cleanups) {
            for (String id : ids) {
                if (!java.util.Set.of("ENDED", "CRASHED", "FAILED").contains(state(id))) {
                    orch.delete("/api/sessions/" + id);
                }
            }
            await().atMost(WAIT).until(() -> java.util.Arrays.stream(ids)
                    .allMatch(id -> java.util.Set.of("ENDED", "CRASHED", "FAILED").contains(state(id))));
        }
        cleanups.clear();
        // and the emptied host has lingered and exited
        await().atMost(WAIT).until(() -> orch.bean(LocalProcessLauncher.class).matchHosts() == 0);
    }

    private static JsonNode create(String room, String... names) {
        HttpResponse<String> r = orch.post("/api/sessions", createBody(room, 60, names));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    private static GameClient connect(JsonNode created, int seat) {
        return GameClient.connect(created.get("connectTokens").get(seat).get("token").asString(), Duration.ofSeconds(5));
    }

    private static String state(String id) {
        return orch.session(id).get("state").asString();
    }
}
