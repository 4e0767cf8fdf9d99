package dev.contrastive4j.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.files.AtomicFile;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of a comparison produced, saved as {@code result.json} in its folder: one configuration with
 * one seed, or the untrained base model ({@code seed} null). Its existence with status {@code ok} marks the
 * run finished for {@code --resume}; a failed run is tried again.
 *
 * @param configuration the configuration's name, or {@value CompareConfiguration#BASE_NAME}
 * @param loss the loss expression (empty for the base model)
 * @param overrides the configuration's own hyperparameters, e.g. {@code lr=0.00005} (empty when none)
 * @param seed the run's seed; null for the base model
 * @param status whether the run finished
 * @param reason why it failed (null when it did not)
 * @param seconds how long the run took in all, loading, training and evaluating (until it failed, if it did), in
 *     the process that finished it
 * @param steps updates made
 * @param trainingSeconds seconds spent in updates (evaluations and checkpoints not included) in the process
 *     that finished the run
 * @param rowsPerSecond training rows per second of update time
 * @param finalLoss the last update's loss
 * @param metrics every metric on the whole test set after training
 * @param curve the evaluations on the test subset during training, in step order
 * @param items per-item values of the metrics that have them (see {@code ItemizedResult}), on the whole test set
 * @param model the trained model's folder, relative to the comparison's folder (null when there is none)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunRecord(String configuration, String loss, String overrides, Long seed, Status status, String reason,
        double seconds, long steps, double trainingSeconds, double rowsPerSecond, double finalLoss, Map<String, Double> metrics,
        List<CurvePoint> curve, Map<String, double[]> items, String model) {

    /** The results file of a run. */
    public static final String FILE_NAME = "result.json";

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Whether a run finished. */
    enum Status {
        @JsonProperty("ok") OK,
        @JsonProperty("failed") FAILED
    }

    public RunRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        curve = List.copyOf(curve == null ? List.of() : curve);
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items == null ? Map.of() : items));
        loss = loss == null ? "" : loss;
        overrides = overrides == null ? "" : overrides;
    }

    /** A run that could not finish. */
    static RunRecord failed(String configuration, String loss, String overrides, Long seed, String reason) {
        return new RunRecord(configuration, loss, overrides, seed, Status.FAILED, reason, Double.NaN, 0, Double.NaN,
                Double.NaN, Double.NaN, Map.of(), List.of(), Map.of(), null);
    }

    /** This record with the run's duration. */
    RunRecord withSeconds(double value) {
        return new RunRecord(configuration, loss, overrides, seed, status, reason, value, steps, trainingSeconds,
                rowsPerSecond, finalLoss, metrics, curve, items, model);
    }

    @JsonIgnore
    public boolean ok() {
        return status == Status.OK;
    }

    /** Writes this record to {@code folder/result.json}, atomically. */
    void write(Path folder) {
        write(folder, FILE_NAME);
    }

    void write(Path folder, String fileName) {
        AtomicFile.writeJson(folder.resolve(fileName), (ObjectNode) JSON.valueToTree(this));
    }

    /** The name of a configuration measured at a truncated size: {@code mnrl@128}. */
    public static String truncatedName(String configuration, int size) {
        return configuration + "@" + size;
    }

    /** Where a run keeps its record at a truncated size: {@code result@128.json}. */
    static String truncatedFileName(int size) {
        return "result@" + size + ".json";
    }

    /**
     * This run measured with its embeddings cut to their first {@code size} components: the same run (loss, seed,
     * steps, timing, model), named {@code configuration@size}, with those metrics and no learning curve of its own.
     */
    RunRecord truncatedTo(int size, Map<String, Double> truncatedMetrics, Map<String, double[]> truncatedItems) {
        return new RunRecord(truncatedName(configuration, size), loss, overrides, seed, status, reason, seconds, steps,
                trainingSeconds, rowsPerSecond, finalLoss, truncatedMetrics, List.of(), truncatedItems, model);
    }

    /** Reads {@code folder/result.json}. */
    public static RunRecord read(Path folder) {
        return read(folder, FILE_NAME);
    }

    static RunRecord read(Path folder, String fileName) {
        Path file = folder.resolve(fileName);
        try {
            return JSON.readValue(file.toFile(), RunRecord.class);
        } catch (IOException e) {
            throw new ContrastiveException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse("")
                    + "; delete it to run that configuration again", e);
        }
    }
}
