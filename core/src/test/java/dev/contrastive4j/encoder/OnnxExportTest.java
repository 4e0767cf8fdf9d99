package dev.contrastive4j.encoder;

import static dev.contrastive4j.encoder.ExportedOnnxChecks.encoderTokens;
import static dev.contrastive4j.encoder.ExportedOnnxChecks.maxDifference;
import static dev.contrastive4j.encoder.ExportedOnnxChecks.maxTokenDifference;
import static dev.contrastive4j.encoder.ExportedOnnxChecks.runOnnxRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.encoder.io.BertOnnxWriter;
import dev.contrastive4j.encoder.io.OnnxBertImporter;
import dev.contrastive4j.spi.ContrastiveException;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ONNX export of a tiny random BERT, run by ONNX Runtime (an implementation independent of this project's
 * PyTorch encoder), against the encoder itself: token vectors and sentence vectors, for every pooling mode, with
 * and without normalisation, on a padded batch of texts of different lengths.
 */
class OnnxExportTest {

    private static final double TOLERANCE = 1e-5;
    private static final List<String> TEXTS = List.of(
            "the cat sat on the mat",
            "a dog",
            "hello world, the quick brown fox jumps over the lazy dog again and again",
            "",
            "zebra? yes!");

    @TempDir
    Path dir;

    static Stream<EncoderSettings> settings() {
        int hidden = TinyBert.config().hiddenSize();
        return Stream.of(
                TinyBert.settings(), // mean, normalised
                new EncoderSettings(PoolingConfig.cls(hidden), false, TinyBert.MAX_SEQ_LENGTH, false),
                new EncoderSettings(PoolingConfig.max(hidden), true, TinyBert.MAX_SEQ_LENGTH, false),
                new EncoderSettings(new PoolingConfig(hidden, true, true, true, true), false, TinyBert.MAX_SEQ_LENGTH,
                        false));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void onnxRuntimeGivesTheEncodersTokenAndSentenceVectors(EncoderSettings settings) throws IOException {
        try (SentenceEncoder tiny = TinyBert.create(7);
                SentenceEncoder encoder = withSettings(tiny, settings)) {
            Path folder = dir.resolve("export");
            OnnxExportResult result = OnnxExport.builder().encoder(encoder).output(folder).build().run();

            List<long[]> ids = encoder.tokenize(TEXTS);
            ExportedOnnxChecks.Outputs ort = runOnnxRuntime(folder, ids, encoder.tokenizer().padId());
            float[][] expected = encoder.encode(TEXTS, 8);

            assertThat(result.dimension()).isEqualTo(encoder.dimension());
            assertThat(ort.sentences()[0]).hasSize(encoder.dimension());
            assertThat(maxDifference(ort.sentences(), expected)).isLessThanOrEqualTo(TOLERANCE);
            assertThat(maxTokenDifference(ort.tokens(), encoderTokens(encoder, ids), ids))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void exportOfAnotherModelOrPoolingDoesNotPass() {
        // Negative controls: the comparison above tells models and poolings apart by far more than its tolerance.
        try (SentenceEncoder exported = TinyBert.create(7); SentenceEncoder other = TinyBert.create(8)) {
            Path folder = dir.resolve("export");
            OnnxExport.builder().encoder(exported).output(folder).build().run();
            List<long[]> ids = exported.tokenize(TEXTS);
            ExportedOnnxChecks.Outputs ort = runOnnxRuntime(folder, ids, exported.tokenizer().padId());

            assertThat(maxDifference(ort.sentences(), other.encode(TEXTS, 8))).isGreaterThan(100 * TOLERANCE);
            assertThat(maxTokenDifference(ort.tokens(), encoderTokens(other, ids), ids)).isGreaterThan(100 * TOLERANCE);
            int hidden = TinyBert.config().hiddenSize();
            try (SentenceEncoder cls = withSettings(exported,
                    new EncoderSettings(PoolingConfig.cls(hidden), true, TinyBert.MAX_SEQ_LENGTH, false))) {
                assertThat(maxDifference(ort.sentences(), cls.encode(TEXTS, 8))).isGreaterThan(100 * TOLERANCE);
            }
        }
    }

    @Test
    void langChain4jLoadsTheFolderAndGivesTheSameVectors() {
        try (SentenceEncoder encoder = TinyBert.create(7)) {
            Path folder = dir.resolve("export");
            OnnxExport.builder().encoder(encoder).output(folder).build().run();
            List<String> texts = TEXTS.stream().filter(t -> !t.isEmpty()).toList(); // LangChain4j refuses empty text

            float[][] langChain4j = ExportedOnnxChecks.langChain4j(folder, PoolingMode.MEAN, texts);

            assertThat(maxDifference(langChain4j, encoder.encode(texts, 8))).isLessThanOrEqualTo(TOLERANCE);
            // and CLS pooling of the same graph is a different embedding: the check can fail
            float[][] cls = ExportedOnnxChecks.langChain4j(folder, PoolingMode.CLS, texts);
            assertThat(maxDifference(cls, encoder.encode(texts, 8))).isGreaterThan(100 * TOLERANCE);
        }
    }

    @Test
    void aModelThatLowerCasesTextsItselfGetsALowerCasingTokenizerJson() throws IOException {
        // A cased tokenizer (its normaliser keeps case) under do_lower_case: the encoder lower-cases before it.
        ObjectNode casedJson = JsonFiles.parseObject(TinyBert.tokenizerJson(), "tiny");
        ((ObjectNode) casedJson.get("normalizer")).put("lowercase", false);
        String cased = JsonFiles.MAPPER.writeValueAsString(casedJson);
        List<String> texts = List.of("The CAT sat on the Mat", "Hello World", "a dog");
        try (SentenceEncoder tiny = TinyBert.create(7);
                SentenceEncoder lowerCasing = SentenceEncoder.create(tiny.bertConfig(),
                        new EncoderSettings(PoolingConfig.mean(32), true, TinyBert.MAX_SEQ_LENGTH, true), cased,
                        tiny.exportWeights(), "tiny");
                SentenceEncoder caseKeeping = SentenceEncoder.create(tiny.bertConfig(),
                        new EncoderSettings(PoolingConfig.mean(32), true, TinyBert.MAX_SEQ_LENGTH, false), cased,
                        tiny.exportWeights(), "tiny")) {
            Path folder = dir.resolve("export");
            OnnxExport.builder().encoder(lowerCasing).output(folder).build().run();

            float[][] langChain4j = ExportedOnnxChecks.langChain4j(folder, PoolingMode.MEAN, texts);

            assertThat(maxDifference(langChain4j, lowerCasing.encode(texts, 8))).isLessThanOrEqualTo(TOLERANCE);
            // the case matters to this tokenizer: without the added Lowercase the vectors would differ
            assertThat(maxDifference(langChain4j, caseKeeping.encode(texts, 8))).isGreaterThan(100 * TOLERANCE);
            try (SentenceEncoder reloaded = new EncoderLoader().load(folder.toString())) {
                assertThat(maxDifference(reloaded.encode(texts, 8), lowerCasing.encode(texts, 8))).isZero();
            }
        }
    }

    @Test
    void theFolderHoldsTheGraphTokenizerAndDescriptionAndLoadsBack() throws IOException {
        try (SentenceEncoder encoder = TinyBert.create(7)) {
            Path folder = dir.resolve("export");
            OnnxExportResult result = OnnxExport.builder().encoder(encoder).output(folder).build().run();

            assertThat(result.folder()).isEqualTo(folder.toAbsolutePath());
            assertThat(result.files()).contains("model.onnx", "tokenizer.json", "config.json",
                    "sentence_bert_config.json", "1_Pooling/config.json");
            assertThat(result.opset()).isEqualTo(BertOnnxWriter.OPSET);
            assertThat(result.pooling()).containsExactly("MEAN");
            assertThat(result.normalized()).isTrue();
            assertThat(result.layers()).isEqualTo(TinyBert.config().numHiddenLayers());
            try (Stream<Path> siblings = Files.list(dir)) {
                assertThat(siblings).containsExactly(folder); // no temporary folder left beside it
            }
            // Our own importer follows the graph back to the same weights...
            assertThat(OnnxBertImporter.importFile(folder.resolve("model.onnx")).tensors())
                    .isEqualTo(encoder.exportWeights());
            // ...and the folder is a model this project loads.
            try (SentenceEncoder reloaded = new EncoderLoader().load(folder.toString())) {
                assertThat(maxDifference(reloaded.encode(TEXTS, 8), encoder.encode(TEXTS, 8))).isZero();
            }
        }
    }

    @Test
    void refusesAnOutputThatIsNotEmptyAndLeavesItAlone() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        Path file = Files.writeString(dir.resolve("file"), "x");
        try (SentenceEncoder encoder = TinyBert.create(7)) {
            assertThatThrownBy(() -> OnnxExport.builder().encoder(encoder).output(folder).build().run())
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessageContaining(folder.toAbsolutePath().toString())
                    .hasMessageContaining("not empty");
            assertThatThrownBy(() -> OnnxExport.builder().encoder(encoder).output(file).build().run())
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessageContaining("found a file");
            Path empty = Files.createDirectories(dir.resolve("empty"));
            OnnxExport.builder().encoder(encoder).output(empty).build().run();
            assertThat(empty.resolve("model.onnx")).isRegularFile();
        }
        assertThat(Files.readString(folder.resolve("notes.txt"))).isEqualTo("mine");
        try (Stream<Path> entries = Files.list(folder)) {
            assertThat(entries).hasSize(1);
        }
    }

    @Test
    void anUnknownModelNameFailsBeforeAnythingIsWritten() {
        Path folder = dir.resolve("export");
        assertThatThrownBy(() -> OnnxExport.builder().model(dir.resolve("no-such-model").toString()).output(folder)
                .build().run())
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("no-such-model");
        assertThat(folder).doesNotExist();
    }

    private static SentenceEncoder withSettings(SentenceEncoder encoder, EncoderSettings settings) {
        return SentenceEncoder.create(encoder.bertConfig(), settings, TinyBert.tokenizerJson(),
                encoder.exportWeights(), "tiny");
    }
}
