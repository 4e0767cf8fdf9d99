package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code margin-mse(teacher=labels)} through the command line: the teacher's margins from the training file's label
 * column reach the loss; without them, or with a bad one, the run ends with one line that says what to fix.
 */
class TrainWithDataMarginsTest {

    /** Every row's margins: far from the student's, whose margins q·p − q·n lie in [−2, 2] (unit vectors). */
    private static final double MARGIN = 30;

    @TempDir
    static Path workspace;
    private static Path student;

    @BeforeAll
    static void model() {
        student = workspace.resolve("student");
        try (SentenceEncoder tiny = TinyBert.create(5)) {
            tiny.save(student);
        }
    }

    @Test
    void oneStepTrainsOnTheMarginsOfTheLabelColumn() throws Exception {
        Path data = triplets("labelled.jsonl", ", \"label\": [" + MARGIN + ", " + (-MARGIN) + "]");
        Path output = workspace.resolve("run");

        CliRun run = train(data, output);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trained 1 step");
        JsonNode info = new ObjectMapper().readTree(output.resolve("run.json").toFile());
        // Each squared error (s − t)² has |s| ≤ 2 and |t| = 30, so it lies in [28², 32²]; margins lost on the way
        // (t = 0) would give at most 4.
        assertThat(info.get("result").get("final_loss").asDouble()).isBetween(28.0 * 28, 32.0 * 32);
        assertThat(Files.readString(output.resolve("metrics.jsonl"))).contains("\"margin-mse(");
    }

    @Test
    void withoutALabelColumnTheRunSaysWhichColumnToAdd() throws Exception {
        Path data = triplets("unlabelled.jsonl", "");

        CliRun run = train(data, workspace.resolve("no-labels"));

        List<String> lines = run.err().lines().filter(line -> !line.isBlank()).toList();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(lines.get(lines.size() - 1)).startsWith("c4j: error: ")
                .contains("margin-mse(teacher=labels): the training triplets carry no teacher margins; add a 'label'"
                        + " column");
        assertThat(run.err()).doesNotContain("\tat ", "Exception:");
    }

    @Test
    void aMarginForEachNegativeIsRequiredAndTheErrorNamesFileLineAndColumn() throws Exception {
        Path data = triplets("one-label.jsonl", ", \"label\": [" + MARGIN + "]");

        CliRun run = train(data, workspace.resolve("one-label"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(data + ":1: column 'label': expected one margin per negative (2), got 1");
    }

    private static CliRun train(Path data, Path output) {
        return CliRun.of("train", "--model", student.toString(), "--train", data.toString(),
                "--loss", "margin-mse(teacher=labels)", "--batch-size", "8", "--max-steps", "1",
                "--output", output.toString(), "--no-progress");
    }

    /** Eight triplets with two negatives each, every row ending in {@code labels}. */
    private static Path triplets(String name, String labels) throws Exception {
        List<String> lines = new ArrayList<>();
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        for (int i = 0; i < 8; i++) {
            lines.add(String.format("{\"anchor\": \"%s %s %d\", \"positive\": \"%s %s %d\", \"negatives\": "
                    + "[\"%s %d\", \"%s %s %d\"]%s}", words[i % 10], words[(i + 1) % 10], i, words[(i + 2) % 10],
                    words[(i * 3) % 10], i, words[(i + 5) % 10], i + 100, words[(i + 7) % 10], words[(i + 4) % 10],
                    i + 200, labels));
        }
        return Files.write(workspace.resolve(name), lines, StandardCharsets.UTF_8);
    }
}
