package dev.skirmish.lobby.admin;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Players report players; operators list and resolve the reports. */
class ReportsTest extends AdminTestBase {
    @Test
    void aReportIsListedForOperatorsAndResolved() {
        JsonNode victim = http.guest(name("victim"));
        JsonNode troll = http.guest(name("troll"));
        var filed = http.post("/api/reports", victim.get("token").asString(),
                "{\"playerId\":\"" + troll.get("id").asString() + "\",\"reason\":\"slurs in chat\",\"messageId\":42}");
        assertThat(filed.status()).isEqualTo(201);
        long id = filed.body().get("id").asLong();
        assertThat(filed.body().get("state").asString()).isEqualTo("OPEN");

        String admin = adminToken();
        var open = http.get("/api/admin/reports?state=OPEN", admin);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.raw()).contains("\"id\":" + id).contains("slurs in chat").contains(troll.get("id").asString())
                .contains("\"messageId\":42");

        var resolved = http.post("/api/admin/reports/" + id + "/resolve", admin, "{\"reason\":\"muted for a day\"}");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body().get("state").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.body().get("resolvedBy").asString()).isEqualTo("root");
        assertThat(http.get("/api/admin/reports?state=OPEN", admin).raw()).doesNotContain("\"id\":" + id + ",");
        assertThat(http.get("/api/admin/audit", admin).raw()).contains("\"action\":\"RESOLVE_REPORT\",\"target\":\"" + id + "\"");
    }

    /** Attack: a player reads who reported whom, or resolves reports about itself. */
    @Test
    void playersCannotReadOrResolveReports() {
        String token = http.guest(name("nosy")).get("token").asString();
        assertThat(http.get("/api/admin/reports", token).status()).isEqualTo(401);
        assertThat(http.post("/api/admin/reports/1/resolve", token, "{\"reason\":\"x\"}").status()).isEqualTo(401);
        assertThat(http.post("/api/reports", null, "{\"playerId\":\"x\",\"reason\":\"y\"}").status()).isEqualTo(401);
    }

    /** Attack: flooding the reports table; bad inputs are refused with a code, and filing is rate limited per player. */
    @Test
    void reportsAreBoundedAndRateLimited() {
        JsonNode spammer = http.guest(name("spammer"));
        String token = spammer.get("token").asString();
        String target = http.guest(name("target")).get("id").asString();
        var huge = http.post("/api/reports", token, "{\"playerId\":\"" + target + "\",\"reason\":\"" + "x".repeat(501) + "\"}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().get("code").asString()).isEqualTo("INVALID_REPORT");
        int created = 0;
        int status = 0;
        for (int i = 0; i < 20 && status != 429; i++) {
            status = http.post("/api/reports", token, "{\"playerId\":\"" + target + "\",\"reason\":\"again " + i + "\"}").status();
            if (status == 201) created++;
        }
        assertThat(status).isEqualTo(429);
        assertThat(created).as("the refused oversized one counted too").isEqualTo(4);
    }
}
