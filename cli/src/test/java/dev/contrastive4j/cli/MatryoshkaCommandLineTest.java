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

/** {@code matryoshka(…)} and the contrastive losses from the command line: listed, trained, misspelt. */
class MatryoshkaCommandLineTest {

    @TempDir
    Path workspace;

    @Test
    void lossesJsonListsTheNewLossesAndTheirParameters() throws Exception {
        CliRun run = CliRun.of("losses", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode losses = new ObjectMapper().readTree(run.out()).get("losses");
        JsonNode matryoshka = find(losses, "matryoshka");
        assertThat(matryoshka).as(run.out()).isNotNull();
        assertThat(matryoshka.get("parameters").get(0).get("name").asText()).isEqualTo("dims");
        assertThat(matryoshka.get("parameters").get(0).get("type").asText()).isEqualTo("integer_list");
        assertThat(matryoshka.get("parameters").get(1).get("name").asText()).isEqualTo("weights");
        assertThat(matryoshka.get("parameters").get(1).get("type").asText()).isEqualTo("number_list");
        assertThat(find(losses, "contrastive").get("parameters")).extracting(p -> p.get("name").asText())
                .containsExactly("distance", "margin", "size_average");
        assertThat(find(losses, "online-contrastive").get("parameters")).extracting(p -> p.get("name").asText())
                .containsExactly("distance", "margin");
    }

    @Test
    void matryoshkaAroundACombinationTrainsOnTriplets() throws Exception {
        Path model = tinyModel();
        Path output = workspace.resolve("run");

        CliRun run = CliRun.of("train", "--model", model.toString(), "--train", triplets().toString(),
                "--loss", "Matryoshka(0.5*cmnrl(mini_batch_size=3) + 0.5*online-contrastive, dims=[32, 8])",
                "--batch-size", "8", "--epochs", "1", "--output", output.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trained 2 steps");
        String canonical = "matryoshka(0.5*cmnrl(mini_batch_size=3) + 0.5*online-contrastive, dims=[32, 8])";
        JsonNode info = new ObjectMapper().readTree(output.resolve("run.json").toFile());
        assertThat(info.get("loss").asText()).isEqualTo(canonical);
        assertThat(Files.readString(output.resolve("metrics.jsonl"))).contains("\"" + canonical + "\":");
        assertThat(output.resolve("final").resolve("model.safetensors")).isRegularFile();
    }

    @Test
    void aMisspeltInnerLossPointsAtItsColumn() throws Exception {
        CliRun run = CliRun.of("train", "--model", tinyModel().toString(), "--train", triplets().toString(),
                "--loss", "matryoshka(mnrl + onlin-contrastive, dims=[8])", "--output",
                workspace.resolve("never").toString(), "--no-progress");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("loss expression column 19: unknown loss 'onlin-contrastive'; did you mean"
                + " 'online-contrastive'?");
        assertThat(workspace.resolve("never")).doesNotExist();
    }

    private static JsonNode find(JsonNode losses, String name) {
        for (JsonNode loss : losses) {
            if (loss.get("name").asText().equals(name)) {
                return loss;
            }
        }
        return null;
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
