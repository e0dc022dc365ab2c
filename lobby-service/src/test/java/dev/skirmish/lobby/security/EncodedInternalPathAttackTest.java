package dev.skirmish.lobby.security;

import dev.skirmish.lobby.matches.ProcessedEventRepository;
import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawHttp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 13, item 1): a guest posts orchestrator events by spelling {@code /internal/...} so that a check on
 * the plain spelling misses it — an escaped letter ({@code /%69nternal/...}) or a path parameter
 * ({@code /internal;x/...}) — and ends, rewrites or reopens any room's match. Every such spelling of every
 * {@code /internal} path the lobby has is refused with 400 by the firewall before any handler, and the event is
 * not applied; the plain spelling with a guest token is 401.
 */
class EncodedInternalPathAttackTest extends IntegrationTestBase {
    @Autowired
    ProcessedEventRepository processed;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Every POST endpoint under /internal the lobby has, read from its own handler mappings (so a new one is covered). */
    private List<String> internalPaths() {
        var paths = mappings.getHandlerMethods().keySet().stream()
                .filter(info -> info.getMethodsCondition().getMethods().isEmpty()
                        || info.getMethodsCondition().getMethods().contains(RequestMethod.POST))
                .flatMap(info -> info.getPatternValues().stream())
                .filter(p -> p.startsWith("/internal/"))
                .map(p -> p.replaceAll("\\{[^}]+}", "x1"))
                .sorted().toList();
        assertThat(paths).contains("/internal/sessions/events");
        return paths;
    }

    /** The encoded and {@code ;} spellings of a path: each segment in turn, and the whole. */
    static List<String> disguises(String path) {
        var out = new java.util.ArrayList<String>();
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            int last = s.length() - 1;
            out.add(replaceSegment(path, i, String.format("%%%02X", (int) s.charAt(0)) + s.substring(1)));
            out.add(replaceSegment(path, i, s.substring(0, last) + String.format("%%%02x", (int) s.charAt(last))));
            out.add(replaceSegment(path, i, s + ";x"));
            out.add(replaceSegment(path, i, s + ";jsessionid=1"));
        }
        out.add("/" + path.substring(1).replace("/", "%2F"));
        out.add(path.replace("/", "/%2e/").substring(4));
        out.add(path + "%00");
        out.add(path + ";");
        return out;
    }

    private static String replaceSegment(String path, int index, String replacement) {
        String[] segments = path.substring(1).split("/");
        segments[index] = replacement;
        return "/" + String.join("/", segments);
    }

    private String event(String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"SESSION_READY\",\"sessionId\":\"s-" + eventId + "\",\"roomId\":\"r-1\"}";
    }

    @Test
    void encodedOrSemicolonSpellingsOfEveryInternalPathAreRefusedWith400AndNotApplied() {
        String guest = http.guest(name("mallory")).get("token").asString();
        for (String path : internalPaths()) {
            for (String disguised : disguises(path)) {
                String eventId = "attack-" + UUID.randomUUID();
                var reply = RawHttp.send(port, "POST", disguised, guest, event(eventId));
                assertThat(reply.status()).as("POST " + disguised + ": " + reply.body()).isEqualTo(400);
                if (reply.headers().toLowerCase().contains("application/problem+json")) {
                    assertThat(reply.json().get("code").asString()).as(disguised).isEqualTo("REQUEST_REJECTED");
                }
                assertThat(processed.existsById(eventId)).as("event posted to " + disguised + " was applied").isFalse();
            }
        }
    }

    @Test
    void theIssuesTwoRequestsExactly() {
        String guest = http.guest(name("mallory")).get("token").asString();
        for (String path : List.of("/%69nternal/sessions/events", "/internal;x/sessions/events")) {
            String eventId = "attack-" + UUID.randomUUID();
            var reply = RawHttp.send(port, "POST", path, guest, event(eventId));
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.json().get("code").asString()).isEqualTo("REQUEST_REJECTED");
            assertThat(reply.body()).doesNotContain("\tat ", "Exception");
            assertThat(processed.existsById(eventId)).isFalse();
        }
    }

    @Test
    void thePlainPathWantsTheServiceKeyNotAPlayerToken() {
        String guest = http.guest(name("mallory")).get("token").asString();
        for (String path : internalPaths()) {
            String eventId = "attack-" + UUID.randomUUID();
            var asGuest = RawHttp.send(port, "POST", path, guest, event(eventId));
            assertThat(asGuest.status()).isEqualTo(401);
            assertThat(asGuest.json().get("code").asString()).isEqualTo("UNAUTHORIZED");
            assertThat(processed.existsById(eventId)).isFalse();
        }
        // the same request with the service key is applied: the refusals above are the defense, not a broken path
        String eventId = "real-" + UUID.randomUUID();
        assertThat(RawHttp.send(port, "POST", "/internal/sessions/events", "test-service-key", event(eventId)).status()).isEqualTo(204);
        assertThat(processed.existsById(eventId)).isTrue();
    }
}
