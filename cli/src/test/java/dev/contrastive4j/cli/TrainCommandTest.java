package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.encoder.EncoderLoader;
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

class TrainCommandTest {

    @TempDir
    static Path workspace;
    static Path tinyModel;
    static Path triplets;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        tinyModel = workspace.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(5)) {
            tiny.save(tinyModel);
        }
        List<String> lines = new ArrayList<>();
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        for (int i = 0; i < 24; i++) {
            lines.add(String.format("{\"anchor\": \"%s %s %s\", \"positive\": \"%s %s %s\", \"negative\": \"%s %s\"}",
                    words[i % 10], words[(i + 1) % 10], i + 50, words[(i + 2) % 10], words[(i * 3) % 10], i,
                    words[(i + 5) % 10], i + 100));
        }
        triplets = workspace.resolve("triplets.jsonl");
        Files.write(triplets, lines, StandardCharsets.UTF_8);
    }

    @Test
    void trainsACombinationEndToEndAndWritesTheRunFolder() throws Exception {
        Path output = workspace.resolve("run-combination");
        CliRun run = CliRun.of("train", "--model", tinyModel.toString(), "--train", triplets.toString(),
                "--eval", triplets.toString(), "--loss", "0.5*mnrl + 0.5*triplet(margin=0.5, distance=cosine)",
                "--batch-size", "8", "--epochs", "2", "--lr", "1e-3", "--save-steps", "2", "--output",
                output.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trained 6 steps", "triplet.cosine_accuracy", "ir.mrr@10", "Model saved to");
        JsonNode info = new ObjectMapper().readTree(output.resolve("run.json").toFile());
        assertThat(info.get("loss").asText()).isEqualTo("0.5*mnrl + 0.5*triplet(distance=cosine, margin=0.5)");
        assertThat(info.get("train").get("rows").asInt()).isEqualTo(24);
        assertThat(info.get("train").get("sha256").asText()).hasSize(64);
        assertThat(info.get("hyperparameters").get("batch_size").asInt()).isEqualTo(8);
        assertThat(info.get("result").get("steps").asInt()).isEqualTo(6);
        assertThat(Files.readAllLines(output.resolve("metrics.jsonl"))).hasSize(6 + 1); // 6 steps + 1 evaluation
        assertThat(output.resolve("checkpoints/step-00000006/state.json")).exists();
        // The trained model loads again and differs from the base model.
        try (SentenceEncoder trained = new EncoderLoader().load(output.resolve("final").toString());
                SentenceEncoder base = new EncoderLoader().load(tinyModel.toString())) {
            float[] before = base.encode(List.of("the cat"), 1)[0];
            float[] after = trained.encode(List.of("the cat"), 1)[0];
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Test
    void anOutputFolderThatHoldsARunNeedsResume() {
        Path output = workspace.resolve("run-twice");
        String[] args = {"train", "--model", tinyModel.toString(), "--train", triplets.toString(), "--max-steps", "1",
            "--batch-size", "8", "--output", output.toString(), "--no-progress"};
        assertThat(CliRun.of(args).exitCode()).isZero();

        CliRun again = CliRun.of(args);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a run; continue it with --resume");
    }

    @Test
    void badArgumentsAreOneLineUserErrors() throws Exception {
        Path file = Files.writeString(workspace.resolve("a-file"), "x");
        String[][] cases = {
            {"--batch-size", "-1"},
            {"--lr", "0"},
            {"--loss", "0.5*mnrl + 0.5*tripplet"},
            {"--output", file.toString()},
            {"--train", workspace.resolve("missing.jsonl").toString()},
        };
        for (String[] extra : cases) {
            List<String> args = new ArrayList<>(List.of("train", "--model", tinyModel.toString(), "--train",
                    triplets.toString(), "--output", workspace.resolve("bad").toString(), "--no-progress"));
            args.addAll(List.of(extra));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", extra) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().lines()).as(run.err()).hasSize(1);
        }
    }
}
