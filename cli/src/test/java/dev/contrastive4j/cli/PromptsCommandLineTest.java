package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.prompts.ModelPrompts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --prompts} on {@code train}, {@code evaluate} and {@code encode}, with a tiny random model. A prompt is text
 * put in front of its column's texts, so each command with {@code --prompts "anchor=pre: "} must give exactly what it
 * gives without prompts on data whose anchors were written with the prefix, and something else on the bare data.
 */
class PromptsCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};

    @TempDir
    static Path workspace;
    static Path tinyModel;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinyModel() {
        tinyModel = workspace.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(5)) {
            tiny.save(tinyModel);
        }
    }

    /** 24 triplets; with {@code anchorPrefix}, every anchor (and nothing else) starts with it. */
    private Path triplets(String name, String anchorPrefix) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            lines.add(String.format("{\"anchor\": \"%s%s %s %s\", \"positive\": \"%s %s %s\", \"negative\": \"%s %s\"}",
                    anchorPrefix, WORDS[i % 10], WORDS[(i + 1) % 10], i + 50, WORDS[(i + 2) % 10], WORDS[(i * 3) % 10],
                    i, WORDS[(i + 5) % 10], i + 100));
        }
        return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private CliRun train(Path data, Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--model", tinyModel.toString(), "--train",
                data.toString(), "--loss", "mnrl", "--batch-size", "8", "--epochs", "1", "--lr", "1e-3", "--output",
                output.toString(), "--no-progress"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static float[] embed(Path model, String text) {
        try (SentenceEncoder encoder = new EncoderLoader().load(model.toString())) {
            return encoder.encode(List.of(text), 1)[0];
        }
    }

    @Test
    void trainingWithAnAnchorPromptEqualsTrainingOnPrefixedAnchorsAndSavesThePrompt() throws IOException {
        Path bare = triplets("bare.jsonl", "");
        Path prefixed = triplets("prefixed.jsonl", "pre: ");

        CliRun prompted = train(bare, dir.resolve("prompted"), "--prompts", "anchor=pre: ");
        CliRun byHand = train(prefixed, dir.resolve("by-hand"));
        CliRun plain = train(bare, dir.resolve("plain"));

        assertThat(prompted.exitCode()).as(prompted.err()).isZero();
        assertThat(byHand.exitCode()).as(byHand.err()).isZero();
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        float[] promptedVector = embed(dir.resolve("prompted/final"), "the cat");
        assertThat(promptedVector).containsExactly(embed(dir.resolve("by-hand/final"), "the cat"), within(1e-6f));
        float[] plainVector = embed(dir.resolve("plain/final"), "the cat");
        double largest = 0;
        for (int d = 0; d < plainVector.length; d++) {
            largest = Math.max(largest, Math.abs(plainVector[d] - promptedVector[d]));
        }
        assertThat(largest).as("the anchors' prompt changed what was trained").isGreaterThan(1e-5);

        // sentence-transformers reads the prompt back by the column's name: encode(texts, prompt_name="anchor").
        JsonNode config = JSON.readTree(dir.resolve("prompted/final/config_sentence_transformers.json").toFile());
        assertThat(config.get("prompts").get("anchor").asText()).isEqualTo("pre: ");
        assertThat(config.get("prompts").has("positive")).isFalse();
        assertThat(config.get("default_prompt_name").isNull()).isTrue();
        assertThat(JSON.readTree(dir.resolve("prompted/run.json").toFile()).get("prompts").asText())
                .isEqualTo("anchor=pre: ");
    }

    @Test
    void evaluatingWithAnAnchorPromptEqualsEvaluatingPrefixedAnchors() throws IOException {
        Path bare = triplets("bare.jsonl", "");
        Path prefixed = triplets("prefixed.jsonl", "pre: ");
        Path promptedJson = dir.resolve("prompted.json");
        Path byHandJson = dir.resolve("by-hand.json");

        CliRun prompted = CliRun.of("evaluate", "--model", tinyModel.toString(), "--eval", bare.toString(),
                "--prompts", "anchor=pre: ", "--output", promptedJson.toString());
        CliRun byHand = CliRun.of("evaluate", "--model", tinyModel.toString(), "--eval", prefixed.toString(),
                "--output", byHandJson.toString());

        assertThat(prompted.exitCode()).as(prompted.err()).isZero();
        assertThat(byHand.exitCode()).as(byHand.err()).isZero();
        assertThat(JSON.readTree(promptedJson.toFile()).get("results"))
                .isEqualTo(JSON.readTree(byHandJson.toFile()).get("results"));
        assertThat(prompted.out()).contains("(prompts anchor=pre: )");
    }

    @Test
    void encodingWithAPromptEmbedsEachTextWithThePromptInFront() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), "the cat sat\na dog\n");
        Path output = dir.resolve("embeddings.jsonl");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(), "--output",
                output.toString(), "--prompts", "query: ");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(output);
        try (SentenceEncoder tiny = new EncoderLoader().load(tinyModel.toString())) {
            List<String> texts = List.of("the cat sat", "a dog");
            for (int i = 0; i < texts.size(); i++) {
                float[] written = floats(JSON.readTree(lines.get(i)).get("embedding"));
                assertThat(written).containsExactly(tiny.encode(List.of("query: " + texts.get(i)), 1)[0],
                        within(1e-5f));
                assertThat(written).isNotEqualTo(tiny.encode(List.of(texts.get(i)), 1)[0]);
            }
        }
    }

    @Test
    void miningWithAnAnchorPromptFindsWhatPrefixedAnchorsFindAndWritesTheRowsAsRead() throws IOException {
        Path bare = triplets("bare.jsonl", "");
        Path prefixed = triplets("prefixed.jsonl", "pre: ");
        Path promptedOut = dir.resolve("prompted-mined.jsonl");
        Path byHandOut = dir.resolve("by-hand-mined.jsonl");

        CliRun prompted = CliRun.of("mine", "--model", tinyModel.toString(), "--input", bare.toString(), "--output",
                promptedOut.toString(), "--num-negatives", "2", "--prompts", "anchor=pre: ");
        CliRun byHand = CliRun.of("mine", "--model", tinyModel.toString(), "--input", prefixed.toString(), "--output",
                byHandOut.toString(), "--num-negatives", "2");

        assertThat(prompted.exitCode()).as(prompted.err()).isZero();
        assertThat(byHand.exitCode()).as(byHand.err()).isZero();
        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(byHandOut)) {
            com.fasterxml.jackson.databind.node.ObjectNode row = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(line);
            row.put("anchor", row.get("anchor").asText().substring("pre: ".length()));
            expected.add(row);
        }
        List<JsonNode> actual = new ArrayList<>();
        for (String line : Files.readAllLines(promptedOut)) {
            actual.add(JSON.readTree(line));
        }
        assertThat(actual).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void resumingAFinishedRunWithOtherPromptsIsRefused() throws IOException {
        Path bare = triplets("bare.jsonl", "");
        Path output = dir.resolve("finished");
        assertThat(train(bare, output, "--prompts", "anchor=pre: ").exitCode()).isZero();

        CliRun again = train(bare, output, "--resume", "--prompts", "anchor=other: ");

        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("finished already", "prompts 'anchor=pre: '");
        assertThat(train(bare, output, "--resume", "--prompts", "anchor=pre: ").exitCode()).isZero();
    }

    @Test
    void aModelsDefaultPromptAppliesToEveryEncodedTextUnlessAPromptIsGiven() throws IOException {
        // What a model trained with --prompts "query: " saves: the prompt as "all", and "all" as default_prompt_name.
        Path model = dir.resolve("with-default");
        try (SentenceEncoder tiny = new EncoderLoader().load(tinyModel.toString())) {
            tiny.save(model, new ModelPrompts(Map.of("all", "query: ", "doc", "passage: "), Optional.of("all")));
        }
        Path input = Files.writeString(dir.resolve("texts.txt"), "the cat sat\n");
        Path byDefault = dir.resolve("default.jsonl");
        Path named = dir.resolve("named.jsonl");

        CliRun run = CliRun.of("encode", "--model", model.toString(), "--input", input.toString(), "--output",
                byDefault.toString());
        CliRun other = CliRun.of("encode", "--model", model.toString(), "--input", input.toString(), "--output",
                named.toString(), "--prompts", "@doc");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(other.exitCode()).as(other.err()).isZero();
        try (SentenceEncoder tiny = new EncoderLoader().load(tinyModel.toString())) {
            assertThat(floats(JSON.readTree(Files.readAllLines(byDefault).get(0)).get("embedding")))
                    .containsExactly(tiny.encode(List.of("query: the cat sat"), 1)[0], within(1e-5f));
            assertThat(floats(JSON.readTree(Files.readAllLines(named).get(0)).get("embedding")))
                    .containsExactly(tiny.encode(List.of("passage: the cat sat"), 1)[0], within(1e-5f));
        }
    }

    @Test
    void badPromptsAreOneLineErrorsNamingTheOption() throws IOException {
        Path bare = triplets("bare.jsonl", "");
        Path input = Files.writeString(dir.resolve("texts.txt"), "the cat\n");
        String model = tinyModel.toString();
        String[][] cases = {
            {"evaluate", "--model", model, "--eval", bare.toString(), "--prompts", "query=q: "},
            {"train", "--model", model, "--train", bare.toString(), "--output", dir.resolve("x").toString(),
                "--prompts", "anchor="},
            {"encode", "--model", model, "--input", input.toString(), "--output", dir.resolve("e.jsonl").toString(),
                "--prompts", "anchor=q: "},
            {"evaluate", "--model", model, "--eval", bare.toString(), "--prompts", "anchor=@query"},
        };
        String[] messages = {"--prompts: unknown column role 'query'", "--prompts: the prompt for 'anchor' is empty",
            "--prompts: encode embeds one column of texts", "the model has no prompts"};
        for (int i = 0; i < cases.length; i++) {
            CliRun run = CliRun.of(cases[i]);
            assertThat(run.exitCode()).as(run.err()).isNotZero();
            assertThat(run.err()).as(String.join(" ", cases[i])).contains(messages[i]);
            assertThat(run.err().lines().filter(l -> l.contains("error")).count()).as(run.err()).isEqualTo(1);
        }
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).floatValue();
        }
        return values;
    }
}
