package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code c4j encode} on a tiny random BERT saved as a model folder, and once on the bundled MiniLM. */
class EncodeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lengths differ, so that sorting by length reorders them inside the encoder. */
    private static final List<String> TEXTS = List.of(
            "the cat sat on the mat",
            "a dog",
            "the quick brown fox jumps over the lazy dog and the cat",
            "hello",
            "the man is playing a guitar in the park",
            "one two three");

    @TempDir
    static Path models;
    private static Path tinyModel;
    private static SentenceEncoder tiny;

    @TempDir
    Path dir;

    @BeforeAll
    static void saveTinyModel() {
        tinyModel = models.resolve("tiny");
        try (SentenceEncoder created = TinyBert.create(1)) {
            created.save(tinyModel);
        }
        tiny = new EncoderLoader().load(tinyModel.toString());
    }

    @AfterAll
    static void closeTinyModel() {
        tiny.close();
    }

    @Test
    void jsonlOutputHasOneRowPerLineInInputOrderWithEachTextsEmbedding() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), String.join("\n", TEXTS.subList(0, 3)) + "\r\n"
                + String.join("\n", TEXTS.subList(3, 6)) + "\n");
        Path output = dir.resolve("out/embeddings.jsonl");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--output", output.toString(), "--batch-size", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> rows = readJsonl(output);
        assertThat(rows).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(rows.get(i).get("id").asLong()).isEqualTo(i);
            // Each text embedded alone, so that neither batching nor reordering can hide a mix-up.
            float[] alone = tiny.encode(List.of(TEXTS.get(i)), 1)[0];
            assertThat(floats(rows.get(i).get("embedding"))).as(TEXTS.get(i)).containsExactly(alone, within(1e-5f));
        }
        assertThat(run.out()).matches("Encoded 6 texts into 32-dimensional embeddings in [0-9.]+ s \\([0-9.]+"
                + " sentences/s; model loaded in [0-9.]+ s\\): .*embeddings.jsonl\\R");
    }

    @Test
    void npyOutputIsALittleEndianFloat32MatrixWithNumpysHeader() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), String.join("\n", TEXTS));
        Path output = dir.resolve("embeddings.npy");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--output", output.toString(), "--batch-size", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] bytes = Files.readAllBytes(output);
        // NPY 1.0: "\x93NUMPY", major 1, minor 0, a little-endian uint16 header length, then the header.
        assertThat(bytes).startsWith(0x93 - 256, 'N', 'U', 'M', 'P', 'Y', 1, 0);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        int dataStart = 10 + headerLength;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (6, 32), }").endsWith("\n");
        assertThat(header.strip()).endsWith("}");
        assertThat(dataStart % 64).as("data aligned to 64 bytes").isZero();
        assertThat(bytes.length - dataStart).isEqualTo(6 * 32 * Float.BYTES);

        float[][] expected = tiny.encode(TEXTS, 32);
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < 6; row++) {
            float[] actual = new float[32];
            for (int column = 0; column < 32; column++) {
                actual[column] = data.getFloat();
            }
            assertThat(actual).as(TEXTS.get(row)).containsExactly(expected[row], within(1e-6f));
        }
    }

    @Test
    void jsonlInputTakesTheNamedFieldAndTheRowsOwnIdsAndMayBeGzipped() throws IOException {
        Path input = dir.resolve("corpus.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            out.write(("{\"_id\": \"doc-7\", \"sentence\": \"hello\"}\n"
                    + "\n"
                    + "{\"_id\": 12, \"sentence\": \"a dog\", \"other\": 1}\n"
                    + "{\"sentence\": \"one two three\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        Path output = dir.resolve("corpus.jsonl");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--field", "sentence", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> rows = readJsonl(output);
        assertThat(rows).extracting(row -> row.get("id").toString()).containsExactly("\"doc-7\"", "12", "2");
        assertThat(floats(rows.get(1).get("embedding")))
                .containsExactly(tiny.encode(List.of("a dog"), 1)[0], within(1e-5f));
    }

    @Test
    void blankLinesAreKeptAsEmptyTextsSoRowsStayAlignedWithLines() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), "hello\n\na dog\n");
        Path output = dir.resolve("embeddings.jsonl");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> rows = readJsonl(output);
        assertThat(rows).hasSize(3);
        assertThat(floats(rows.get(1).get("embedding"))).containsExactly(tiny.encode(List.of(""), 1)[0], within(1e-5f));
        assertThat(floats(rows.get(2).get("embedding"))).containsExactly(tiny.encode(List.of("a dog"), 1)[0],
                within(1e-5f));
        assertThat(run.err()).contains("1 blank line embedded as empty text");
    }

    @Test
    void normalizeScalesEmbeddingsOfAModelThatDoesNotNormaliseToUnitLength() throws IOException {
        Path unnormalised = withoutNormalize(models.resolve("tiny-unnormalised"));
        Path input = Files.writeString(dir.resolve("texts.txt"), String.join("\n", TEXTS));
        Path raw = dir.resolve("raw.jsonl");
        Path unit = dir.resolve("unit.jsonl");

        CliRun plain = CliRun.of("encode", "--model", unnormalised.toString(), "--input", input.toString(),
                "--output", raw.toString());
        CliRun normalized = CliRun.of("encode", "--model", unnormalised.toString(), "--input", input.toString(),
                "--output", unit.toString(), "--normalize");

        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(normalized.exitCode()).as(normalized.err()).isZero();
        List<JsonNode> rawRows = readJsonl(raw);
        List<JsonNode> unitRows = readJsonl(unit);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] before = floats(rawRows.get(i).get("embedding"));
            float[] after = floats(unitRows.get(i).get("embedding"));
            double norm = norm(before);
            assertThat(norm).as("the model itself does not normalise").isNotCloseTo(1.0, within(1e-3));
            assertThat(norm(after)).isCloseTo(1.0, within(1e-5));
            for (int d = 0; d < before.length; d++) {
                assertThat((double) after[d]).isCloseTo(before[d] / norm, within(1e-6));
            }
        }
    }

    @Test
    void aMissingInputIsAUserErrorAndWritesNothing() {
        Path output = dir.resolve("out/embeddings.npy");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", dir.resolve("nope.txt").toString(),
                "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("c4j: error: input file not found: " + dir.resolve("nope.txt")
                + System.lineSeparator());
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aBadJsonLineNamesFileAndLineAndKeepsTheOldOutput() throws IOException {
        Path input = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"hello\"}\n{\"text\": \"a dog\"}\n"
                + "{\"text\": \"one two\",}\n");
        Path folder = Files.createDirectory(dir.resolve("out"));
        Path output = Files.writeString(folder.resolve("embeddings.jsonl"), "old content\n");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("c4j: error: " + input + ":3: expected a JSON object, found invalid JSON")
                .hasLineCount(1);
        assertThat(Files.readString(output)).isEqualTo("old content\n");
        try (var files = Files.list(folder)) {
            assertThat(files).as("no temporary file left").containsExactly(output);
        }
    }

    @Test
    void aRowWithoutTheFieldNamesFileLineAndField() throws IOException {
        Path input = Files.writeString(dir.resolve("rows.jsonl"), "{\"text\": \"hello\"}\n\n{\"body\": \"a dog\"}\n");
        Path output = dir.resolve("embeddings.jsonl");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("c4j: error: " + input + ":3: column 'text': missing");
        assertThat(output).doesNotExist();
    }

    @Test
    void bytesThatAreNotUtf8NameTheLine() throws IOException {
        Path input = dir.resolve("latin1.txt");
        Files.write(input, "hello\ncaf".getBytes(StandardCharsets.US_ASCII));
        Files.write(input, new byte[] {(byte) 0xe9, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        Path output = dir.resolve("embeddings.npy");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("c4j: error: " + input + ":2: expected UTF-8 text, found the invalid byte"
                + " 0xE9 at byte 4 of the line");
        assertThat(output).doesNotExist();
    }

    @Test
    void aBatchSizeBelowOneIsAUserError() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), "hello\n");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--output", dir.resolve("e.npy").toString(), "--batch-size", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("c4j: error: --batch-size must be at least 1, found 0");
    }

    @Test
    void anOutputThatIsNeitherJsonlNorNpyIsAUserError() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), "hello\n");

        CliRun run = CliRun.of("encode", "--model", tinyModel.toString(), "--input", input.toString(),
                "--output", dir.resolve("e.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected a file name ending in .jsonl or .npy, found 'e.csv'");
    }

    @Test
    void theBundledMiniLmPlacesParaphrasesCloserThanUnrelatedSentences() throws IOException {
        List<String> sentences = List.of("A man is playing a guitar.", "Someone plays the guitar.",
                "The stock market fell sharply today.", "A woman is slicing an onion.", "Interest rates rose again.");
        Path input = Files.writeString(dir.resolve("sentences.txt"), String.join("\n", sentences) + "\n");
        Path output = dir.resolve("minilm.npy");

        CliRun run = CliRun.of("encode", "--input", input.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] bytes = Files.readAllBytes(output);
        int dataStart = 10 + ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8);
        assertThat(bytes.length - dataStart).isEqualTo(5 * 384 * Float.BYTES);
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
        float[][] rows = new float[5][384];
        for (float[] row : rows) {
            data.asFloatBuffer().get(row);
            data.position(data.position() + 384 * Float.BYTES);
            assertThat(norm(row)).isCloseTo(1.0, within(1e-4));
        }
        assertThat(dot(rows[0], rows[1])).isGreaterThan(dot(rows[0], rows[2]) + 0.3)
                .isGreaterThan(dot(rows[0], rows[3]));
        assertThat(dot(rows[2], rows[4])).isGreaterThan(dot(rows[2], rows[3]));
    }

    /** A copy of the tiny model whose modules stop at pooling: no Normalize module. */
    private static Path withoutNormalize(Path folder) throws IOException {
        try (SentenceEncoder created = TinyBert.create(1)) {
            created.save(folder);
        }
        ArrayNode modules = (ArrayNode) JSON.readTree(folder.resolve("modules.json").toFile());
        ArrayNode kept = JSON.createArrayNode();
        modules.forEach(module -> {
            if (!module.get("type").asText().endsWith(".Normalize")) {
                kept.add(module);
            }
        });
        assertThat(kept).hasSize(modules.size() - 1);
        JSON.writeValue(folder.resolve("modules.json").toFile(), kept);
        return folder;
    }

    private static List<JsonNode> readJsonl(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).floatValue();
        }
        return values;
    }

    private static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
