package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.ExportedOnnxChecks;
import dev.contrastive4j.encoder.OnnxExport;
import dev.contrastive4j.encoder.OnnxExportResult;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Triplet;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export round trip of a fine-tuned model: all-MiniLM-L6-v2 trained a few steps by the {@link Trainer} and
 * saved, then exported from its folder (as {@code c4j export --model runs/x/final} does) and run by ONNX Runtime
 * and LangChain4j against {@code c4j encode} of the saved folder.
 */
class FineTunedModelOnnxExportTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.of(List.of(new ToyLosses()));

    @TempDir
    Path dir;

    @Test
    void exportOfAFineTunedMiniLmGivesItsVectors() {
        List<String> texts = ExportedOnnxChecks.bundledTestSentences(50);
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i + 2 < texts.size(); i += 3) {
            rows.add(new Triplet(texts.get(i), texts.get(i + 1), texts.get(i + 2)));
        }
        LossPlan plan = LossPlan.create(LossSpec.parse("softmax", REGISTRY), DataFormat.TRIPLET, REGISTRY);
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(8).withMaxSteps(2).withLearningRate(1e-4)
                .withWarmupRatio(0);
        Path finalModel;
        float[][] before;
        try (SentenceEncoder minilm = new EncoderLoader().load(EncoderLoader.MINILM)) {
            before = minilm.encode(texts, 16);
            finalModel = new Trainer(new EncoderTrainingModel(minilm, 16), plan, config, dir.resolve("run"), List.of(),
                    List.of()).train(rows, false).finalModel();
        }

        Path folder = dir.resolve("fine-tuned-onnx");
        OnnxExportResult result = OnnxExport.builder().model(finalModel.toString()).output(folder).build().run();
        try (SentenceEncoder fineTuned = new EncoderLoader().load(finalModel.toString())) {
            // the model did move: its vectors differ from the base model's by far more than the tolerance
            assertThat(ExportedOnnxChecks.maxDifference(fineTuned.encode(texts, 16), before))
                    .isGreaterThan(100 * ExportedOnnxChecks.SENTENCE_TOLERANCE);
            ExportedOnnxChecks.assertExportMatches("minilm fine-tuned 2 steps", fineTuned, result.folder(),
                    PoolingMode.MEAN);
        }
    }
}
