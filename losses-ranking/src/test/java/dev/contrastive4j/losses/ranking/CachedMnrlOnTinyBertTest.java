package dev.contrastive4j.losses.ranking;

import static dev.contrastive4j.losses.ranking.Closeness.assertRelativelyClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.testkit.TestLossContext;
import dev.contrastive4j.testkit.TinyEncoders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GradCache on the project's real BERT (the tiny random one, dropout off): CMNRL's loss and parameter gradients
 * equal MNRL's computed on the whole batch at once, for several mini-batch sizes. With dropout off no seed replay
 * is involved, so this isolates the caching arithmetic (detached pass, embedding gradients, surrogate backward).
 */
class CachedMnrlOnTinyBertTest {

    private static final int ROWS = 6;

    private static List<Triplet> rows() {
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Triplet(words[i] + " " + words[(i + 1) % 10] + " sat",
                    words[(i + 2) % 10] + " " + words[(i + 4) % 10] + " " + words[(i + 6) % 10],
                    words[(i + 3) % 10] + " ran " + words[(i + 7) % 10]));
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, ROWS})
    void cachedLossMatchesUncachedLossAndParameterGradients(int miniBatchSize) {
        Engine engine = PyTorchRuntime.engine();
        Batch batch = Batch.of(rows());
        MultipleNegativesRankingLoss mnrl = new MultipleNegativesRankingLoss(20, Similarity.COSINE, false);

        Map<String, double[]> expectedGradients;
        double expectedLoss;
        try (SentenceEncoder model = TinyEncoders.bert(3, 0.0); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            List<NDArray> columns = new ArrayList<>();
            for (List<String> column : batch.columns()) {
                columns.add(model.embedWithGradient(column, manager, 0));
            }
            NDArray loss = mnrl.compute(new EmbeddedBatch(DataFormat.TRIPLET, columns, null));
            expectedLoss = loss.getFloat();
            collector.backward(loss.mul(0.7f));
            expectedGradients = gradients(model);
        }

        double cachedLoss;
        Map<String, double[]> cachedGradients;
        try (SentenceEncoder model = TinyEncoders.bert(3, 0.0); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            var cached = new CachedMultipleNegativesRankingLoss(mnrl, miniBatchSize);
            cachedLoss = cached.forwardBackward(batch, new TestLossContext(model, manager, 99, collector), 0.7);
            cachedGradients = gradients(model);
        }

        assertRelativelyClose("loss", cachedLoss, expectedLoss, 1e-6);
        for (String name : expectedGradients.keySet()) {
            if (name.endsWith("attention.self.key.bias")) {
                // Softmax ignores a constant added to all of a query's scores, so this gradient is 0 in exact
                // arithmetic and float noise on both sides: relative error is meaningless, both must be ~0.
                assertThat(maxAbs(expectedGradients.get(name))).isLessThan(1e-6);
                assertThat(maxAbs(cachedGradients.get(name))).isLessThan(1e-6);
                continue;
            }
            assertRelativelyClose(name, cachedGradients.get(name), expectedGradients.get(name), 1e-5);
        }
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static Map<String, double[]> gradients(SentenceEncoder model) {
        Map<String, double[]> gradients = new LinkedHashMap<>();
        model.trainableParameters().forEach((name, parameter) -> {
            try (NDArray g = parameter.getArray().getGradient()) {
                float[] values = g.toFloatArray();
                double[] copy = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    copy[i] = values[i];
                }
                gradients.put(name, copy);
            }
        });
        return gradients;
    }
}
