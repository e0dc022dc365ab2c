package dev.skirmish.gameserver.agones;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Small JSON documents (the SDK's GameServer, the orchestrator's assignment) as maps and lists, read with
 * jackson-core's streaming parser under tight limits: the game server has no data-binding layer (jar size, start).
 */
final class JsonTree {
    static final int MAX_BYTES = 65_536;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(16).maxStringLength(8_192).maxNameLength(256).maxNumberLength(24)
            .maxDocumentLength(MAX_BYTES).maxTokenCount(8_192).build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonTree() {
    }

    /** @throws IllegalArgumentException when the text is not one JSON object within the limits */
    static Map<String, Object> object(String text) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Map<String, Object> m = readObject(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON object");
            }
            return m;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> readObject(JsonParser p) {
        Map<String, Object> m = new LinkedHashMap<>();
        String name;
        while ((name = p.nextName()) != null) {
            m.put(name, value(p, p.nextToken()));
        }
        return m;
    }

    private static Object value(JsonParser p, JsonToken t) {
        return switch (t) {
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, e));
                }
                yield list;
            }
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The value at a path of object keys, or null. */
    static Object at(Map<String, Object> root, String... path) {
        Object cur = root;
        for (String key : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(key);
        }
        return cur;
    }
}
