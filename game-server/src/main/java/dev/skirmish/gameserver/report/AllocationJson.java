package dev.skirmish.gameserver.report;

import dev.skirmish.gameserver.launch.ArgsParser;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the allocation body of docs/orchestrator-api.md ({@code {"players": [...], "matchSeconds": n}}) with
 * jackson-core's streaming parser: a real JSON reader (escapes, nesting, field order, unknown fields added later
 * to the contract) without a data-binding layer, so the shaded jar grows by one small library and nothing loads
 * until a warm server reads its first allocation (its own class, kept off the cold-start path).
 */
final class AllocationJson {
    /** Far above any real body (64 names of 32 characters), far below what could hurt. */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(8).maxStringLength(1_024).maxNameLength(64).maxNumberLength(12)
            .maxDocumentLength(16_384).maxTokenCount(1_024).build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** What a warm server parses before READY, so its first real allocation finds the parser loaded. */
    private static final String SAMPLE = "{\"players\":[\"warm-up\"],\"matchSeconds\":1,\"later\":{\"a\":[1,2.5]}}";

    private AllocationJson() {
    }

    /** Loads and exercises the parser (warm servers, before READY). */
    static void warmUp() {
        parse(SAMPLE, 1);
    }

    /**
     * @throws IllegalArgumentException when the body is not JSON, not an object, has no or malformed players, or a
     *                                  matchSeconds that is not a whole number of 1-3600 (player names that are not
     *                                  names throw {@link dev.skirmish.gameserver.launch.UsageException})
     */
    static Reporter.Allocation parse(String body, int defaultMatchSeconds) {
        List<String> names = null;
        int seconds = defaultMatchSeconds;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("allocation is not a JSON object");
            }
            String field;
            while ((field = p.nextName()) != null) {
                JsonToken value = p.nextToken();
                switch (field) {
                    case "players" -> names = names(p, value);
                    case "matchSeconds" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new IllegalArgumentException("allocation matchSeconds is not a whole number");
                        }
                        seconds = p.getIntValue();
                    }
                    default -> p.skipChildren(); // a field added to the contract later
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("allocation has content after its object");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("allocation is not valid JSON: " + e.getOriginalMessage());
        }
        if (names == null) {
            throw new IllegalArgumentException("allocation without players");
        }
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("allocation matchSeconds out of range: " + seconds);
        }
        return new Reporter.Allocation(ArgsParser.players(String.join(",", names)), seconds);
    }

    /**
     * The heartbeat answer of docs/orchestrator-api.md ({@code {"kick": ["name", ...]}}; other fields are for later
     * commands and skipped). Names are checked like the allocation's.
     *
     * @throws IllegalArgumentException when the body is not such an object
     */
    static List<String> kicks(String body) {
        List<String> names = List.of();
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("heartbeat answer is not a JSON object");
            }
            String field;
            while ((field = p.nextName()) != null) {
                JsonToken value = p.nextToken();
                if (field.equals("kick")) {
                    names = names(p, value);
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("heartbeat answer is not valid JSON: " + e.getOriginalMessage());
        }
        return names.isEmpty() ? List.of() : ArgsParser.players(String.join(",", names));
    }

    private static List<String> names(JsonParser p, JsonToken value) {
        if (value != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("allocation players is not an array");
        }
        List<String> names = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("allocation players holds a " + t + ", not a name");
            }
            String name = p.getString();
            if (name.indexOf(',') >= 0) {
                // the names are checked as the --players list is, and a comma would split one into two
                throw new IllegalArgumentException("allocation player name with a comma");
            }
            names.add(name);
        }
        return names;
    }
}
