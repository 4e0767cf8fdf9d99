package dev.contrastive4j.encoder;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The export round trip of the two bundled models, as MiniLmParityTest and BgeSmallParityTest check the import:
 * {@code c4j export} of minilm and bge-small, run by ONNX Runtime and by LangChain4j's
 * {@code OnnxEmbeddingModel} on 50 texts of the bundled WordNet test split, against the encoder's own
 * {@link SentenceEncoder#encode}. (A fine-tuned model: {@code FineTunedModelOnnxExportTest} in the training tests.)
 */
class OnnxExportParityTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"minilm, MEAN", "bge-small, CLS"})
    void exportedBundledModelGivesTheEncodersVectorsInOnnxRuntimeAndLangChain4j(String model, PoolingMode pooling) {
        Path folder = dir.resolve(model + "-onnx");
        OnnxExportResult result = OnnxExport.builder().model(model).output(folder).build().run();
        try (SentenceEncoder encoder = new EncoderLoader().load(model)) {
            ExportedOnnxChecks.assertExportMatches(model, encoder, result.folder(), pooling);
        }
    }
}
