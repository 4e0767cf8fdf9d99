package dev.contrastive4j.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.train.MetricsLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of a learning curve: the metrics of an evaluation after {@code step} updates.
 *
 * @param step updates made before the evaluation (0: the untrained base model)
 * @param metrics metric name → value
 */
public record CurvePoint(long step, Map<String, Double> metrics) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CurvePoint {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * The evaluations of a run, in step order, read from its {@code metrics.jsonl} (the lines with an
     * {@code eval} object). Reading the log rather than listening keeps the points of a run that was resumed.
     */
    static List<CurvePoint> readLog(Path runFolder) {
        Path file = runFolder.resolve(MetricsLog.FILE_NAME);
        List<CurvePoint> points = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                JsonNode eval = node.get("eval");
                if (eval == null || !eval.isObject()) {
                    continue;
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = eval.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    metrics.put(field.getKey(), field.getValue().isNumber() ? field.getValue().doubleValue() : Double.NaN);
                }
                points.add(new CurvePoint(node.path("step").asLong(), metrics));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the learning curve from " + file + ": " + e.getMessage(), e);
        }
        return points;
    }
}
