package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.lobby.LobbyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dashboard checker itself (ObservabilityIT runs it against the real services). */
class DashboardCheckTest {
    @Test
    void readsMetricNamesOutOfFunctionsAggregationsMatchersRangesAndVariables() {
        assertThat(DashboardCheck.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(lobby_chat_deliveries_seconds_bucket{job=\"lobby\"}[$__rate_interval])))"))
                .containsExactly("lobby_chat_deliveries_seconds_bucket");
        assertThat(DashboardCheck.metricNames(
                "sum by (session) (rate(skirmish_session_bytes_out[5m])) / clamp_min(sum without (x) (skirmish_session_players_connected), 1e0)"))
                .containsExactly("skirmish_session_bytes_out", "skirmish_session_players_connected");
        assertThat(DashboardCheck.metricNames("sum(rate(http_server_requests_seconds_count{status=~\"5..\", uri!='/x'}[1m])) * 60"))
                .containsExactly("http_server_requests_seconds_count");
        assertThat(DashboardCheck.metricNames("a_total offset 5m and on (job) b_total or ignoring(x) group_left(y) c"))
                .containsExactly("a_total", "b_total", "c");
    }

    /** The defence's own check: a panel on a metric that does not exist is reported, one that exists is not. */
    @Test
    void aPanelOnAMetricThatDoesNotExistFails() {
        JsonNode dashboard = LobbyClient.JSON.readTree("""
                {"panels": [
                  {"title": "fine", "targets": [{"expr": "sum(lobby_players_online)"}]},
                  {"title": "row", "type": "row", "panels": [
                    {"title": "typo", "targets": [{"expr": "rate(lobby_chat_delivered_total[1m])"}]}]},
                  {"title": "empty", "targets": [{"expr": ""}]}
                ]}""");
        Set<String> exposed = DashboardCheck.exposedNames("""
                # HELP lobby_players_online players online
                # TYPE lobby_players_online gauge
                lobby_players_online{application="lobby"} 3.0
                lobby_chat_deliveries_seconds_count 12
                """);
        assertThat(DashboardCheck.missing(dashboard, exposed)).extracting(DashboardCheck.Missing::panel,
                DashboardCheck.Missing::metric).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("typo", "lobby_chat_delivered_total"),
                org.assertj.core.groups.Tuple.tuple("empty", "(empty query)"));
    }

    /** The checked-in dashboard has the panels, each with a query the checker can read. */
    @Test
    void theCheckedInDashboardHasItsPanelsAndQueries() throws Exception {
        Path repo = Path.of(System.getProperty("e2e.repo.dir", ".."));
        JsonNode dashboard = LobbyClient.JSON.readTree(Files.readString(repo.resolve("deploy/grafana/dashboards/skirmish.json")));
        var titles = DashboardCheck.panels(dashboard).stream().map(p -> p.path("title").asString()).toList();
        assertThat(titles).contains("Players online", "Rooms by state", "Matches per minute", "Match start latency",
                "Warm allocations", "Tick p99 per server", "Bandwidth per client", "Chat deliveries per second",
                "Chat delivery latency", "Errors by code");
        for (JsonNode panel : DashboardCheck.panels(dashboard)) {
            assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty();
            panel.path("targets").forEach(t -> assertThat(DashboardCheck.metricNames(t.path("expr").asString()))
                    .as(t.path("expr").asString()).isNotEmpty());
        }
    }
}
