package dev.contrastive4j.losses.ranking;

import static dev.contrastive4j.losses.ranking.Closeness.assertRelativelyClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.testkit.FiniteDifferences;
import dev.contrastive4j.testkit.LossStep;
import dev.contrastive4j.testkit.TestLossContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mined data has several negatives per anchor ({@code negative_1 … negative_k}): MNRL and CMNRL take any number.
 * With k = 3, MNRL's loss and embedding gradients equal the double-precision reference (which ranks every anchor
 * against all positives and all 3·n negatives) and CMNRL's loss and parameter gradients equal MNRL's.
 */
class ThreeHardNegativesTest {

    @Test
    void mnrlWithThreeNegativesMatchesTheReferenceAndUsesTheThirdNegative() {
        double[][][] columns = MultipleNegativesRankingLossTest.randomColumns(5, 31);
        MultipleNegativesRankingLoss loss = new MultipleNegativesRankingLoss(20, Similarity.COSINE, false);

        LossStep.Result run = LossStep.onEmbeddings(loss, DataFormat.TRIPLET, columns);

        assertRelativelyClose("mnrl 3 negatives, loss", run.value(), ReferenceLosses.mnrl(columns, 20, true, false), 1e-6);
        assertRelativelyClose("mnrl 3 negatives, gradient", run.gradient(),
                FiniteDifferences.gradient(x -> ReferenceLosses.mnrl(x, 20, true, false), columns), 1e-6);
        // negative control: the third negative takes part, so moving it changes the loss
        double[][][] moved = MultipleNegativesRankingLossTest.randomColumns(5, 31);
        moved[4] = MultipleNegativesRankingLossTest.randomColumns(1, 32)[0];
        assertThat(LossStep.onEmbeddings(loss, DataFormat.TRIPLET, moved).value()).isNotCloseTo(run.value(),
                org.assertj.core.api.Assertions.within(1e-3));
        assertThat(Closeness.maxAbs(Closeness.flatten(new double[][][] {run.gradient()[4]}))).isPositive();
    }

    @Test
    void cmnrlWithThreeNegativesMatchesMnrl() {
        Engine engine = PyTorchRuntime.engine();
        Batch batch = Batch.of(rows());
        assertThat(batch.columns()).hasSize(5);
        MultipleNegativesRankingLoss mnrl = new MultipleNegativesRankingLoss(20, Similarity.COSINE, false);

        double expectedLoss;
        double[] expectedGradients;
        try (SentenceEncoder model = TinyBert.create(5, 0.0); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            List<NDArray> columns = new ArrayList<>();
            for (List<String> column : batch.columns()) {
                columns.add(model.embedWithGradient(column, manager, 0));
            }
            NDArray loss = mnrl.compute(new EmbeddedBatch(DataFormat.TRIPLET, columns, null));
            expectedLoss = loss.getFloat();
            collector.backward(loss);
            expectedGradients = gradients(model);
        }
        double cachedLoss;
        double[] cachedGradients;
        try (SentenceEncoder model = TinyBert.create(5, 0.0); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            cachedLoss = new CachedMultipleNegativesRankingLoss(mnrl, 2)
                    .forwardBackward(batch, new TestLossContext(model, manager, 3, collector), 1.0);
            cachedGradients = gradients(model);
        }
        assertRelativelyClose("cmnrl 3 negatives, loss", cachedLoss, expectedLoss, 1e-6);
        assertRelativelyClose("cmnrl 3 negatives, parameter gradients", cachedGradients, expectedGradients, 1e-4);
    }

    private static List<Triplet> rows() {
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(new Triplet(words[i] + " " + words[i + 1], words[i + 2] + " " + words[i + 4],
                    List.of(words[i + 3] + " ran", words[i + 5] + " sat " + words[i], "a " + words[i + 6])));
        }
        return rows;
    }

    /** Every trainable parameter's gradient, flattened in parameter order. */
    private static double[] gradients(SentenceEncoder model) {
        List<Double> all = new ArrayList<>();
        model.trainableParameters().forEach((name, parameter) -> {
            try (NDArray g = parameter.getArray().getGradient()) {
                for (float v : g.toFloatArray()) {
                    all.add((double) v);
                }
            }
        });
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
