package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.encoder.io.SafetensorsReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose loss turns NaN stops with a user error that names the step, keeps its last good checkpoint, and
 * saves no final model. A learning rate of a million makes the tiny model's weights overflow within a few
 * AdamW updates (the decoupled weight decay alone multiplies each weight by 1 - 10^6 * 0.01 per update).
 */
class TrainingDivergesTest {

    private static final Pattern DIVERGED = Pattern.compile(
            "^c4j: error: training diverged at step (\\d+): loss NaN .*the last good checkpoint is (\\S+) .*");

    @TempDir
    Path workspace;

    @Test
    void aNanLossStopsTheRunNamingTheStepAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path model = workspace.resolve("tiny");
        try (SentenceEncoder tiny = TinyBert.create(3)) {
            tiny.save(model);
        }
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            rows.add("{\"anchor\": \"the cat " + i + "\", \"positive\": \"a dog " + (i + 100) + "\"}");
        }
        Path data = Files.write(workspace.resolve("pairs.jsonl"), rows, StandardCharsets.UTF_8);
        Path output = workspace.resolve("run");

        CliRun run = CliRun.of("train", "--model", model.toString(), "--train", data.toString(), "--batch-size", "8",
                "--max-steps", "40", "--lr", "1e6", "--warmup-ratio", "0", "--save-steps", "1", "--output",
                output.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as("stderr").hasSize(1);
        Matcher diverged = DIVERGED.matcher(run.err().strip());
        assertThat(diverged.matches()).as(run.err()).isTrue();
        long step = Long.parseLong(diverged.group(1));
        assertThat(step).as("the first update is taken with finite weights").isGreaterThan(1).isLessThan(40);
        Path lastGood = output.resolve("checkpoints").resolve(String.format("step-%08d", step - 1));
        assertThat(Path.of(diverged.group(2))).isEqualTo(lastGood);
        assertThat(checkpointSteps(output)).as("checkpoints kept").endsWith(lastGood.getFileName().toString());
        assertThat(SafetensorsReader.readFloats(lastGood.resolve("model.safetensors")).values())
                .as("the kept checkpoint's weights are finite")
                .allSatisfy(tensor -> assertThat(allFinite(tensor.values())).isTrue());
        assertThat(output.resolve("final")).doesNotExist();
        assertThat(Files.readAllLines(output.resolve("metrics.jsonl"))).as("one line per good update")
                .hasSize((int) step - 1);
    }

    private static List<String> checkpointSteps(Path output) throws Exception {
        try (Stream<Path> folders = Files.list(output.resolve("checkpoints"))) {
            return folders.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean allFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
