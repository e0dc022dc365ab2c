package dev.skirmish.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a Grafana dashboard's PromQL against the metric names the services really expose: a panel on a metric no
 * service has shows nothing, forever, without any error. The PromQL reader is small on purpose: it knows the parts
 * of the language a dashboard uses (functions, aggregations with by/without, label matchers, range selectors,
 * Grafana's $variables) and takes every other identifier for a metric name, so an unknown construct fails loudly
 * as a "metric" that does not exist rather than hiding one.
 */
final class DashboardCheck {
    /** A panel's query naming a metric that none of the scraped services exposes. */
    record Missing(String panel, String metric, String expr) {
    }

    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");

    private DashboardCheck() {
    }

    /** The metric names one PromQL expression reads. */
    static Set<String> metricNames(String expr) {
        String rest = QUOTED.matcher(expr).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
        rest = VARIABLES.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            String id = m.group();
            int after = m.end();
            while (after < rest.length() && Character.isWhitespace(rest.charAt(after))) {
                after++;
            }
            boolean call = after < rest.length() && rest.charAt(after) == '(';
            // a number's exponent (1e3) starts like an identifier
            boolean inNumber = m.start() > 0 && Character.isDigit(rest.charAt(m.start() - 1));
            if (!call && !inNumber && !KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
                names.add(id);
            }
        }
        return names;
    }

    /** Every panel's queries (rows' nested panels included), as panel title → expressions. */
    static List<Missing> missing(JsonNode dashboard, Set<String> exposed) {
        List<Missing> missing = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            String title = panel.path("title").asString("?");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString("");
                if (expr.isBlank()) {
                    missing.add(new Missing(title, "(empty query)", expr));
                }
                for (String name : metricNames(expr)) {
                    if (!exposed.contains(name)) {
                        missing.add(new Missing(title, name, expr));
                    }
                }
            }
        }
        return missing;
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            p.path("panels").forEach(all::add);
        }
        return all;
    }

    /** The series names of a Prometheus text exposition ({@code name{labels} value} lines and # TYPE lines). */
    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.substring(7).split(" ")[0]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = IDENTIFIER.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }
}
