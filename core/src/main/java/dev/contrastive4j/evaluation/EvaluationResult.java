package dev.contrastive4j.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one evaluator measured: its name and an ordered map from metric name (see {@link Metrics}) to value.
 *
 * <p>The order is the evaluator's reporting order and is kept in the table, in JSON and in {@link #metrics()}.
 * A value may be {@code NaN} where the metric is undefined (a correlation of a constant series); the table
 * prints it as {@code NaN} and JSON writes it as {@code null}, since JSON has no NaN.
 *
 * <p>JSON form:
 * <pre>{@code
 * {
 *   "evaluator" : "triplet",
 *   "metrics" : {
 *     "triplet.cosine_accuracy" : 0.75,
 *     "triplet.dot_accuracy" : 0.5
 *   }
 * }
 * }</pre>
 *
 * @param evaluator the name of the evaluator that produced the metrics
 * @param metrics metric name to value, in reporting order; unmodifiable
 */
public record EvaluationResult(String evaluator, Map<String, Double> metrics) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EvaluationResult {
        requireName(evaluator, "evaluator name");
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            requireName(name, "metric name");
            copy.put(name, Objects.requireNonNull(value, () -> "value of metric '" + name + "'"));
        });
        metrics = Collections.unmodifiableMap(copy);
    }

    /** Starts a result for the named evaluator; metrics keep the order in which they are put. */
    public static Builder builder(String evaluator) {
        return new Builder(evaluator);
    }

    /**
     * The value of one metric.
     *
     * @throws IllegalArgumentException if this result has no such metric (the message lists those it has)
     */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("evaluator '" + evaluator + "' reported no metric '" + name
                    + "'; it reported " + String.join(", ", metrics.keySet()));
        }
        return value;
    }

    /** Whether this result has the named metric. */
    public boolean has(String name) {
        return metrics.containsKey(name);
    }

    /**
     * A plain-text table: a title line with the evaluator's name, a header, then one line per metric with
     * the value to four decimals. Lines end with {@code \n}.
     */
    public String toTable() {
        String metricHeader = "Metric";
        int width = metricHeader.length();
        for (String name : metrics.keySet()) {
            width = Math.max(width, name.length());
        }
        String row = "%-" + width + "s  %10s\n";
        StringBuilder table = new StringBuilder();
        table.append("Evaluator: ").append(evaluator).append('\n');
        table.append(String.format(Locale.ROOT, row, metricHeader, "Value"));
        metrics.forEach((name, value) -> table.append(String.format(Locale.ROOT, row, name, formatValue(value))));
        return table.toString();
    }

    /** This result as indented JSON (see the class comment for the layout). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("evaluator", evaluator);
        ObjectNode values = root.putObject("metrics");
        metrics.forEach((name, value) -> {
            if (Double.isFinite(value)) {
                values.put(name, value);
            } else {
                values.putNull(name);
            }
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers failed to serialise", e);
        }
    }

    /** Writes {@link #toJson()} to a file (UTF-8), replacing it if it exists. */
    public void writeJson(Path file) {
        try {
            Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write evaluation result to " + file, e);
        }
    }

    /**
     * Reads the JSON form back; {@code null} values become {@code NaN}.
     *
     * @param json the text, as {@link #toJson()} writes it
     * @param source where the text came from (a file name), for error messages
     * @throws ContrastiveException if the text is not that layout
     */
    public static EvaluationResult fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ContrastiveException(source + ": expected an evaluation result in JSON, found invalid JSON"
                    + where);
        }
        if (root == null || !root.isObject()) {
            throw new ContrastiveException(source + ": expected a JSON object with 'evaluator' and 'metrics'");
        }
        JsonNode evaluator = root.get("evaluator");
        if (evaluator == null || !evaluator.isTextual()) {
            throw new ContrastiveException(source + ": field 'evaluator': expected a string, found "
                    + describe(evaluator));
        }
        JsonNode values = root.get("metrics");
        if (values == null || !values.isObject()) {
            throw new ContrastiveException(source + ": field 'metrics': expected an object, found " + describe(values));
        }
        Builder builder = builder(evaluator.textValue());
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                builder.put(field.getKey(), Double.NaN);
            } else if (value.isNumber()) {
                builder.put(field.getKey(), value.doubleValue());
            } else {
                throw new ContrastiveException(source + ": metric '" + field.getKey()
                        + "': expected a number or null, found " + describe(value));
            }
        }
        return builder.build();
    }

    private static String formatValue(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String describe(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, got '" + name + "'");
        }
    }

    /** Collects metrics in reporting order. */
    public static final class Builder {

        private final String evaluator;
        private final Map<String, Double> metrics = new LinkedHashMap<>();

        private Builder(String evaluator) {
            this.evaluator = evaluator;
        }

        /**
         * Adds one metric.
         *
         * @throws IllegalArgumentException if the metric was already added
         */
        public Builder put(String name, double value) {
            if (metrics.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("metric '" + name + "' was already added to '" + evaluator + "'");
            }
            return this;
        }

        public EvaluationResult build() {
            return new EvaluationResult(evaluator, metrics);
        }
    }
}
