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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example of the pair losses' documentation, run through the command line on triplet data. */
class TrainWithPairLossesTest {

    @TempDir
    Path workspace;

    @Test
    void angleWithTripletTrainsOnTripletsThroughTheBundledConverter() throws Exception {
        Path model = tinyModel();
        Path triplets = triplets();
        Path output = workspace.resolve("run");

        CliRun run = CliRun.of("train", "--model", model.toString(), "--train", triplets.toString(),
                "--loss", "0.7*angle + 0.3*triplet", "--batch-size", "8", "--epochs", "1", "--output",
                output.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trained 2 steps");
        JsonNode info = new ObjectMapper().readTree(output.resolve("run.json").toFile());
        assertThat(info.get("loss").asText()).isEqualTo("0.7*angle + 0.3*triplet");
        assertThat(Files.readString(output.resolve("metrics.jsonl"))).contains("\"angle\":", "\"triplet\":");
    }

    @Test
    void theContrastiveLossesTrainOnTripletsThroughTheBundledConverter() throws Exception {
        Path model = tinyModel();
        Path triplets = triplets();
        Path output = workspace.resolve("contrastive-run");

        CliRun run = CliRun.of("train", "--model", model.toString(), "--train", triplets.toString(),
                "--loss", "online-contrastive + 0.5*ContrastiveLoss(distance=euclidean, margin=2)",
                "--batch-size", "8", "--epochs", "1", "--output", output.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trained 2 steps");
        JsonNode info = new ObjectMapper().readTree(output.resolve("run.json").toFile());
        assertThat(info.get("loss").asText())
                .isEqualTo("online-contrastive + 0.5*contrastive(distance=euclidean, margin=2)");
        assertThat(Files.readString(output.resolve("metrics.jsonl")))
                .contains("\"online-contrastive\":", "\"contrastive(distance=euclidean, margin=2)\":");
        assertThat(output.resolve("final").resolve("model.safetensors")).isRegularFile();
    }

    private Path tinyModel() throws Exception {
        Path model = workspace.resolve("tiny-model");
        if (!Files.exists(model)) {
            try (SentenceEncoder tiny = TinyBert.create(5)) {
                tiny.save(model);
            }
        }
        return model;
    }

    private Path triplets() throws Exception {
        List<String> lines = new ArrayList<>();
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        for (int i = 0; i < 16; i++) {
            lines.add(String.format("{\"anchor\": \"%s %s %d\", \"positive\": \"%s %s %d\", \"negative\": \"%s %d\"}",
                    words[i % 10], words[(i + 1) % 10], i, words[(i + 2) % 10], words[(i * 3) % 10], i,
                    words[(i + 5) % 10], i + 100));
        }
        return Files.write(workspace.resolve("triplets.jsonl"), lines, StandardCharsets.UTF_8);
    }
}
