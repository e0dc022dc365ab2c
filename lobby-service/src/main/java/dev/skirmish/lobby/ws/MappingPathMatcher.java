package dev.skirmish.lobby.ws;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.PathMatcher;

/**
 * Spring's {@link AntPathMatcher}, with a hand-written fast path for a fixed set of destination patterns made of
 * literal segments and whole-segment variables ({@code /rooms/{roomId}/chat}). Every chat line's SEND is matched
 * against the {@code @MessageMapping} patterns and has its variables extracted; AntPathMatcher tokenizes the
 * destination and runs a regex per variable segment each time, about an eighth of the inbound SEND path's samples in
 * a warm profile (docs/benchmarks.md). The answers are AntPathMatcher's: the fast path decides only for the listed
 * patterns and "clean" paths (a leading slash, no empty segment, no trailing slash, which is every destination
 * {@link StompGuard} lets a client SEND to); everything else, and every other method, goes to AntPathMatcher.
 * The patterns come from this code, never from a client, so nothing here grows with input.
 */
final class MappingPathMatcher implements PathMatcher {
    private final AntPathMatcher ant = new AntPathMatcher();
    /** pattern → its segments, a variable segment held as its name and marked in {@link Compiled#variable} */
    private final Map<String, Compiled> fast;

    private record Compiled(String[] segments, boolean[] variable) {
    }

    MappingPathMatcher(List<String> patterns) {
        var compiled = new LinkedHashMap<String, Compiled>();
        for (String p : patterns) {
            Compiled c = compile(p);
            if (c == null) throw new IllegalArgumentException("not a pattern of literal segments and {variables}: " + p);
            compiled.put(p, c);
        }
        this.fast = Map.copyOf(compiled);
    }

    /** Null unless the pattern is "/" + segments, each literal (no wildcard, no brace) or exactly {@code {name}}. */
    private static Compiled compile(String pattern) {
        if (!pattern.startsWith("/") || pattern.endsWith("/") || pattern.contains("//")) return null;
        String[] segments = pattern.substring(1).split("/");
        boolean[] variable = new boolean[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.length() > 2 && s.charAt(0) == '{' && s.charAt(s.length() - 1) == '}') {
                String name = s.substring(1, s.length() - 1);
                if (!name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) return null;
                segments[i] = name;
                variable[i] = true;
            } else if (s.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '{' || ch == '}')) {
                return null;
            }
        }
        return new Compiled(segments, variable);
    }

    /** True when {@code path} has the shape the fast path decides for; the other shapes go to AntPathMatcher. */
    private static boolean clean(String path) {
        return path.length() > 1 && path.charAt(0) == '/' && path.charAt(path.length() - 1) != '/' && !path.contains("//");
    }

    /**
     * Matches {@code path} against {@code c}; fills {@code variables} when given. Segment by segment with
     * {@code indexOf}: a variable takes a whole (non-empty, as the path is clean) segment, a literal must be equal.
     */
    private static boolean matches(Compiled c, String path, Map<String, String> variables) {
        int from = 1;
        for (int i = 0; i < c.segments.length; i++) {
            if (from > path.length()) return false;
            int slash = path.indexOf('/', from);
            int end = slash < 0 ? path.length() : slash;
            boolean last = i == c.segments.length - 1;
            if (last != (slash < 0)) return false; // fewer or more segments than the pattern
            if (c.variable[i]) {
                if (variables != null) variables.put(c.segments[i], path.substring(from, end));
            } else if (end - from != c.segments[i].length() || !path.startsWith(c.segments[i], from)) {
                return false;
            }
            from = end + 1;
        }
        return true;
    }

    @Override
    public boolean match(String pattern, String path) {
        Compiled c = fast.get(pattern);
        if (c == null || !clean(path)) return ant.match(pattern, path);
        return matches(c, path, null);
    }

    @Override
    public Map<String, String> extractUriTemplateVariables(String pattern, String path) {
        Compiled c = fast.get(pattern);
        if (c == null || !clean(path)) return ant.extractUriTemplateVariables(pattern, path);
        var variables = new LinkedHashMap<String, String>(4);
        if (!matches(c, path, variables)) throw new IllegalStateException("Pattern \"" + pattern + "\" is not a match for \"" + path + "\"");
        return variables;
    }

    @Override
    public boolean isPattern(String path) {
        return ant.isPattern(path);
    }

    @Override
    public boolean matchStart(String pattern, String path) {
        return ant.matchStart(pattern, path);
    }

    @Override
    public String extractPathWithinPattern(String pattern, String path) {
        return ant.extractPathWithinPattern(pattern, path);
    }

    @Override
    public Comparator<String> getPatternComparator(String path) {
        return ant.getPatternComparator(path);
    }

    @Override
    public String combine(String pattern1, String pattern2) {
        return ant.combine(pattern1, pattern2);
    }
}
