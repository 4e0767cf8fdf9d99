package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error lines that say what is wrong in the user's terms (issue 19, messages). */
class UserMessagesTest {

    @TempDir
    static Path workspace;
    static Path tinyModel;
    static Path pairs;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        tinyModel = workspace.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(5)) {
            tiny.save(tinyModel);
        }
        pairs = Files.write(workspace.resolve("pairs.jsonl"), List.of("{\"anchor\": \"a cat\", \"positive\": \"a dog\"}",
                "{\"anchor\": \"a fish\", \"positive\": \"a bird\"}"), StandardCharsets.UTF_8);
    }

    private static String lastLine(CliRun run) {
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void aConfigThatIsAFolderIsCalledAFolder() throws Exception {
        Path folder = Files.createDirectories(workspace.resolve("configs"));
        CliRun run = CliRun.of("compare", "--config", folder.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(lastLine(run)).contains(folder.toString(), "found a folder").doesNotContain("no such file");
    }

    @Test
    void anEmptyModelNameIsNotTheCurrentFolder() throws Exception {
        Path texts = Files.write(workspace.resolve("texts.txt"), List.of("a cat"), StandardCharsets.UTF_8);
        CliRun run = CliRun.of("encode", "--model", "", "--input", texts.toString(), "--output",
                workspace.resolve("e.jsonl").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(lastLine(run)).isEqualTo("c4j: error: --model is empty: expected 'minilm', 'bge-small' or the path"
                + " of a model folder or .onnx file");
    }

    @Test
    void aLongInputQuotedInAnErrorIsCut() {
        String expression = "mnrl + " + "x".repeat(10_000);
        CliRun run = CliRun.of("train", "--model", tinyModel.toString(), "--train", pairs.toString(), "--loss",
                expression, "--output", workspace.resolve("long").toString(), "--no-progress");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(lastLine(run).length()).isLessThanOrEqualTo(C4j.MAX_ERROR_CHARS + 100);
        assertThat(lastLine(run)).contains("characters…]");
    }

    @Test
    void aCorruptJarInThePluginsFolderIsReported() throws Exception {
        Path plugins = Files.createDirectories(workspace.resolve("plugins"));
        Path jar = Files.write(plugins.resolve("broken.jar"), "not a zip at all".getBytes(StandardCharsets.UTF_8));
        CliRun run = CliRun.of("--plugins", plugins.toString(), "losses");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("c4j: warning: plugin skipped: " + jar + ": not a readable jar");
    }

    @Test
    void aTripletLossOnPairDataNamesTheFileAndDoesNotAskToInstallWhatIsInstalled() {
        CliRun run = CliRun.of("train", "--model", tinyModel.toString(), "--train", pairs.toString(), "--loss",
                "triplet", "--output", workspace.resolve("triplet-on-pairs").toString(), "--no-progress");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(lastLine(run)).contains("the data in " + pairs + " is pair", "a loss that accepts pair rows",
                "mnrl").doesNotContain("data-converters");
    }
}
