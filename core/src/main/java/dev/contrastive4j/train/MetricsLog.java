package dev.contrastive4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends one JSON object per line to {@code metrics.jsonl}: {@code {"step":…,"loss":…,"losses":{…},…}} after
 * every update and {@code {"step":…,"eval":{…}}} after every evaluation. On resume, lines past the checkpoint's
 * step are dropped first, so the log reads as if the run had never stopped.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {

    public static final String FILE_NAME = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter writer;

    /** Opens the log for appending, keeping only the entries of the first {@code keepUpToStep} updates. */
    public MetricsLog(Path outputFolder, long keepUpToStep) {
        Path file = outputFolder.resolve(FILE_NAME);
        try {
            Files.createDirectories(outputFolder);
            truncate(file, keepUpToStep);
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static void truncate(Path file, long keepUpToStep) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                if (!line.isBlank() && JSON.readTree(line).path("step").asLong(Long.MAX_VALUE) <= keepUpToStep) {
                    kept.add(line);
                }
            } catch (IOException e) {
                // A line cut short by a killed process: drop it.
            }
        }
        // Rewritten beside and renamed over: a process killed here must not lose the lines being kept.
        Path temporary = file.resolveSibling("." + FILE_NAME + ".truncating");
        Files.write(temporary, kept, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void onStep(StepMetrics m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("step", m.step()).put("epoch", m.epoch()).put("loss", m.loss());
        ObjectNode losses = node.putObject("losses");
        m.losses().forEach(losses::put);
        node.put("learning_rate", m.learningRate()).put("grad_norm", m.gradientNorm())
                .put("rows_per_second", m.rowsPerSecond()).put("elapsed_seconds", m.elapsedSeconds());
        write(node);
    }

    @Override
    public void onEvaluation(long step, Map<String, Double> metrics) {
        ObjectNode node = JSON.createObjectNode();
        node.put("step", step);
        ObjectNode eval = node.putObject("eval");
        metrics.forEach(eval::put);
        write(node);
    }

    private void write(ObjectNode node) {
        try {
            writer.write(JSON.writeValueAsString(node));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
