package dev.contrastive4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.files.TemporaryPaths;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One model evaluated on some data: which model, which data, when, how long it took, and every evaluator's
 * result. {@code c4j evaluate --output} writes it; reports read it back.
 *
 * <p>JSON form (each element of {@code results} is an {@link EvaluationResult} in its own JSON layout):
 * <pre>{@code
 * {
 *   "model" : "minilm",
 *   "data" : [ "data/wordnet-senses/test.jsonl.gz", "data/wordnet-senses/test-ir" ],
 *   "timestamp" : "2025-01-31T12:00:00Z",
 *   "seconds" : 61.5,
 *   "results" : [ { "evaluator" : "triplet", "metrics" : { "triplet.cosine_accuracy" : 0.75, ... } }, ... ]
 * }
 * }</pre>
 *
 * @param model the model's name or path, as the user gave it
 * @param data the data files or folders evaluated on
 * @param timestamp when the evaluation finished
 * @param seconds how long the evaluation took (wall-clock, model loading excluded)
 * @param results one result per evaluator, in the order they ran
 */
public record EvaluationReport(String model, List<String> data, Instant timestamp, double seconds,
        List<EvaluationResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EvaluationReport {
        Objects.requireNonNull(model, "model");
        data = List.copyOf(data);
        Objects.requireNonNull(timestamp, "timestamp");
        results = List.copyOf(results);
    }

    /** Every result's {@link EvaluationResult#toTable() table}, separated by blank lines. */
    public String toTable() {
        StringBuilder table = new StringBuilder();
        for (EvaluationResult result : results) {
            if (!table.isEmpty()) {
                table.append('\n');
            }
            table.append(result.toTable());
        }
        return table.toString();
    }

    /** This report as indented JSON (see the class comment). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode files = root.putArray("data");
        data.forEach(files::add);
        root.put("timestamp", timestamp.toString());
        root.put("seconds", seconds);
        ArrayNode array = root.putArray("results");
        try {
            for (EvaluationResult result : results) {
                array.add(JSON.readTree(result.toJson()));
            }
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers failed to serialise", e);
        }
    }

    /**
     * Writes {@link #toJson()} to a file (UTF-8), creating its folder: first to a temporary file beside it,
     * then renamed over it, so that a reader never sees half a report and a failed write leaves the old one.
     *
     * @throws ContrastiveException if {@code file} is a folder
     * @throws UncheckedIOException if the file cannot be written
     */
    public void write(Path file) {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new ContrastiveException("evaluation report " + file + ": expected a file name, found a folder");
        }
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = TemporaryPaths.createFile(folder, "." + absolute.getFileName() + ".", ".tmp");
            Files.writeString(temporary, toJson() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("could not write the evaluation report " + file + ": " + e, e);
        }
    }

    /**
     * Reads a report as {@link #write} writes it.
     *
     * @throws ContrastiveException if the file is missing or not a report
     */
    public static EvaluationReport read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new ContrastiveException(file + ": expected an evaluation report, found no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the evaluation report " + file, e);
        }
    }

    /**
     * Parses the JSON form.
     *
     * @param source where the text came from, for error messages
     * @throws ContrastiveException if the text is not that layout
     */
    public static EvaluationReport fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ContrastiveException(source + ": expected an evaluation report in JSON, found invalid JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (root == null || !root.isObject()) {
            throw new ContrastiveException(source + ": expected a JSON object, found " + describe(root));
        }
        String model = text(root, "model", source);
        List<String> data = new ArrayList<>();
        for (JsonNode file : array(root, "data", source)) {
            if (!file.isTextual()) {
                throw new ContrastiveException(source + ": field 'data': expected strings, found " + describe(file));
            }
            data.add(file.textValue());
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(text(root, "timestamp", source));
        } catch (DateTimeParseException e) {
            throw new ContrastiveException(source + ": field 'timestamp': expected an ISO-8601 instant such as"
                    + " 2025-01-31T12:00:00Z, found '" + root.get("timestamp").textValue() + "'");
        }
        JsonNode seconds = root.get("seconds");
        if (seconds == null || !seconds.isNumber()) {
            throw new ContrastiveException(source + ": field 'seconds': expected a number, found " + describe(seconds));
        }
        List<EvaluationResult> results = new ArrayList<>();
        JsonNode array = array(root, "results", source);
        for (int i = 0; i < array.size(); i++) {
            results.add(EvaluationResult.fromJson(array.get(i).toString(), source + " results[" + i + "]"));
        }
        return new EvaluationReport(model, data, timestamp, seconds.doubleValue(), results);
    }

    private static String text(JsonNode root, String field, String source) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw new ContrastiveException(source + ": field '" + field + "': expected a string, found "
                    + describe(value));
        }
        return value.textValue();
    }

    private static JsonNode array(JsonNode root, String field, String source) {
        JsonNode value = root.get(field);
        if (value == null || !value.isArray()) {
            throw new ContrastiveException(source + ": field '" + field + "': expected an array, found "
                    + describe(value));
        }
        return value;
    }

    private static String describe(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write already failed; that is the error to report
            }
        }
    }
}
