package dev.skirmish.lobby.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console page is served by the lobby, needs nothing from the internet, and its data needs an operator. */
class ConsolePageTest extends AdminTestBase {
    @Test
    void theConsoleIsServedWithoutAnyExternalResource() {
        var redirect = http.exchange("GET", "/console", null, null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElse("")).endsWith("/console/index.html");
        for (String file : new String[] {"/console/index.html", "/console/console.js", "/console/players.js",
                "/console/pages.js", "/console/console.css"}) {
            var page = http.exchange("GET", file, null, null);
            assertThat(page.statusCode()).as(file).isEqualTo(200);
            assertThat(page.body()).as("no CDN, no other host").doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
        }
        assertThat(http.exchange("GET", "/console/index.html", null, null).body()).contains("console.js").contains("players.js")
                .contains("pages.js").contains("signin-form");
    }

    /** Attack: reading the console's figures without signing in (or with a player token). */
    @Test
    void theOverviewNeedsAnOperator() {
        assertThat(http.get("/api/admin/overview", null).status()).isEqualTo(401);
        assertThat(http.get("/api/admin/overview", http.guest(name("peek")).get("token").asString()).status()).isEqualTo(401);
        var overview = http.get("/api/admin/overview", adminToken());
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body().get("roomsByState").has("OPEN")).isTrue();
        assertThat(overview.body().get("playersOnline").isNumber()).isTrue();
        assertThat(http.exchange("GET", "/console/other.js", null, null).statusCode()).as("only the console's own files are public").isEqualTo(401);
    }
}
