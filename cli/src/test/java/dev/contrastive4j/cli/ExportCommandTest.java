package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c4j export} on a tiny random BERT saved as a model folder: the files it writes and its user errors.
 * The numbers of the export (ONNX Runtime and LangChain4j against the encoder) are checked in core's
 * OnnxExportTest and OnnxExportParityTest.
 */
class ExportCommandTest {

    private static final List<String> TEXTS = List.of("the cat sat on the mat", "a dog", "hello world");

    @TempDir
    static Path models;
    private static Path tinyModel;

    @TempDir
    Path dir;

    @BeforeAll
    static void saveTinyModel() {
        tinyModel = models.resolve("tiny");
        try (SentenceEncoder created = TinyBert.create(1)) {
            created.save(tinyModel);
        }
    }

    @Test
    void exportsAModelFolderAsOnnxWithItsTokenizer() {
        Path output = dir.resolve("tiny-onnx");

        CliRun run = CliRun.of("export", "--model", tinyModel.toString(), "--format", "onnx", "--output",
                output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Exported " + tinyModel, "model.onnx (ONNX opset 17, 2 layers, hidden size 32",
                "MEAN pooling, normalised", "PoolingMode.MEAN");
        assertThat(output.resolve("model.onnx")).isRegularFile();
        assertThat(output.resolve("tokenizer.json")).isRegularFile();
        // the export is itself a model: the same vectors as the folder it came from
        try (SentenceEncoder original = new EncoderLoader().load(tinyModel.toString());
                SentenceEncoder exported = new EncoderLoader().load(output.toString())) {
            assertThat(exported.encode(TEXTS, 8)).isDeepEqualTo(original.encode(TEXTS, 8));
        }
    }

    @Test
    void unknownFormatIsAUserError() {
        Path output = dir.resolve("out");

        CliRun run = CliRun.of("export", "--model", tinyModel.toString(), "--format", "tflite", "--output",
                output.toString());

        assertThat(run.exitCode()).isEqualTo(C4j.USER_ERROR);
        assertThat(run.err()).startsWith("c4j: error: unknown --format 'tflite': the formats are onnx");
        assertThat(output).doesNotExist();
    }

    @Test
    void outputThatExistsAndIsNotEmptyIsAUserErrorAndKept() throws IOException {
        Path output = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(output.resolve("keep.txt"), "mine");

        CliRun run = CliRun.of("export", "--model", tinyModel.toString(), "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(C4j.USER_ERROR);
        assertThat(run.err()).contains("c4j: error: output " + output.toAbsolutePath(), "is not empty");
        assertThat(run.err().lines()).hasSize(1);
        try (Stream<Path> entries = Files.list(output)) {
            assertThat(entries).containsExactly(output.resolve("keep.txt"));
        }
    }

    @Test
    void modelNotFoundIsAUserError() {
        Path missing = dir.resolve("no-such-model");

        CliRun run = CliRun.of("export", "--model", missing.toString(), "--output", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(C4j.USER_ERROR);
        assertThat(run.err()).contains("c4j: error: model '" + missing + "'", "found no such file or folder");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void missingOutputIsAUserError() {
        CliRun run = CliRun.of("export", "--model", tinyModel.toString());

        assertThat(run.exitCode()).isEqualTo(C4j.USER_ERROR);
        assertThat(run.err()).contains("--output");
    }
}
