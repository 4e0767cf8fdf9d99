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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GISTEmbed through the command line, with a tiny student and a different tiny guide model folder: alone, cached,
 * and weighted with the triplet loss of another plugin.
 */
class TrainWithGistTest {

    @TempDir
    static Path workspace;
    private static Path student;
    private static Path guide;
    private static Path triplets;

    @BeforeAll
    static void models() throws Exception {
        student = save(workspace.resolve("student"), 5);
        guide = save(workspace.resolve("guide"), 6);
        List<String> lines = new ArrayList<>();
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        for (int i = 0; i < 16; i++) {
            lines.add(String.format("{\"anchor\": \"%s %s %d\", \"positive\": \"%s %s %d\", \"negative\": \"%s %d\"}",
                    words[i % 10], words[(i + 1) % 10], i, words[(i + 2) % 10], words[(i * 3) % 10], i,
                    words[(i + 5) % 10], i + 100));
        }
        triplets = Files.write(workspace.resolve("triplets.jsonl"), lines, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gist(guide=%s)", "cgist(guide=%s, mini_batch_size=3)",
            "0.5*gist(guide=%s, margin=0.05) + 0.5*triplet"})
    void gistTrainsEndToEnd(String expression) throws Exception {
        String loss = expression.formatted(guide);
        Path output = workspace.resolve("run-" + Math.abs(expression.hashCode()));

        CliRun run = CliRun.of("train", "--model", student.toString(), "--train", triplets.toString(),
                "--loss", loss, "--batch-size", "8", "--epochs", "1", "--output", output.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trained 2 steps");
        JsonNode info = new ObjectMapper().readTree(output.resolve("run.json").toFile());
        assertThat(info.get("result").get("final_loss").asDouble()).isFinite().isPositive();
        String metrics = Files.readString(output.resolve("metrics.jsonl"));
        assertThat(metrics).contains(loss.startsWith("cgist") ? "\"cgist(" : "\"gist(");
        if (loss.contains("triplet")) {
            assertThat(metrics).contains("\"triplet\":");
        }
    }

    private static Path save(Path folder, long seed) {
        try (SentenceEncoder tiny = TinyBert.create(seed)) {
            tiny.save(folder);
        }
        return folder;
    }
}
