package dev.contrastive4j.losses.ranking;

import static dev.contrastive4j.losses.ranking.Closeness.assertRelativelyClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.testkit.FiniteDifferences;
import dev.contrastive4j.testkit.LossStep;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MNRL's value and its gradient with respect to every embedding, against {@link ReferenceLosses#mnrl} and
 * finite differences of it, in float64 (float32 would stop near 1e-7 relative on the values and worse on
 * gradients, where softmax − one-hot cancels).
 */
class MultipleNegativesRankingLossTest {

    private static final double TOLERANCE = 1e-6;
    private static final int ROWS = 4;
    private static final int DIM = 5;

    /**
     * Worked by hand: dot similarity, scale 1, two rows in two dimensions.
     * <pre>
     *   a1 = (1, 0), a2 = (0, 1), p1 = (1, 0), p2 = (1, 1)
     *   z  = [[a1·p1, a1·p2], [a2·p1, a2·p2]] = [[1, 1], [0, 1]]
     *   ℓ1 = log(e¹ + e¹) − 1 = log 2
     *   ℓ2 = log(e⁰ + e¹) − 1 = log(1 + 1/e)
     *   L  = (log 2 + log(1 + 1/e)) / 2 ≈ (0.693147 + 0.313262) / 2 ≈ 0.503204
     *
     *   ∂L/∂z_i· = (softmax(z_i·) − onehot(i)) / 2:
     *     row 1: ((½, ½) − (1, 0)) / 2 = (−¼, ¼)
     *     row 2: ((σ, 1 − σ) − (0, 1)) / 2 = (σ/2, −σ/2),  σ = 1 / (1 + e) ≈ 0.268941
     *   ∂L/∂a_i = Σ_j ∂L/∂z_ij · p_j,   ∂L/∂p_j = Σ_i ∂L/∂z_ij · a_i:
     *     ∂L/∂a1 = −¼ (1, 0) + ¼ (1, 1)    = (0, ¼)
     *     ∂L/∂a2 = σ/2 (1, 0) − σ/2 (1, 1) = (0, −σ/2)
     *     ∂L/∂p1 = −¼ (1, 0) + σ/2 (0, 1)  = (−¼, σ/2)
     *     ∂L/∂p2 = ¼ (1, 0) − σ/2 (0, 1)   = (¼, −σ/2)
     * </pre>
     */
    @Test
    void twoRowsWorkedByHand() {
        double[][][] columns = {{{1, 0}, {0, 1}}, {{1, 0}, {1, 1}}};
        double sigma = 1 / (1 + Math.E);

        LossStep.Result run = LossStep.onEmbeddings(
                new MultipleNegativesRankingLoss(1, Similarity.DOT, false), DataFormat.PAIR, columns);

        assertThat(run.value()).isCloseTo((Math.log(2) + Math.log(1 + 1 / Math.E)) / 2, within(1e-12));
        assertThat(run.value()).isCloseTo(0.503204, within(1e-6));
        double[][][] expected = {{{0, 0.25}, {0, -sigma / 2}}, {{-0.25, sigma / 2}, {0.25, -sigma / 2}}};
        assertRelativelyClose("mnrl worked by hand, gradient", run.gradient(), expected, 1e-12);
    }

    @Test
    void pairsWithoutHardNegativesMatchTheReference() {
        checkAgainstReference("mnrl pair", DataFormat.PAIR, randomColumns(2, 11), 20, Similarity.COSINE, false);
    }

    @Test
    void oneHardNegativeMatchesTheReference() {
        checkAgainstReference("mnrl 1 negative", DataFormat.TRIPLET, randomColumns(3, 12), 20, Similarity.COSINE,
                false);
    }

    @Test
    void twoHardNegativesMatchTheReference() {
        checkAgainstReference("mnrl 2 negatives", DataFormat.TRIPLET, randomColumns(4, 13), 20, Similarity.COSINE,
                false);
    }

    @Test
    void duplicatedAnchorsAreSeparateRowsEachWithItsOwnTarget() {
        double[][][] columns = randomColumns(3, 14);
        columns[0][2] = columns[0][0].clone();
        columns[0][3] = columns[0][0].clone();

        checkAgainstReference("mnrl duplicated anchors", DataFormat.TRIPLET, columns, 20, Similarity.COSINE, false);
    }

    @Test
    void scaleTenMatchesTheReference() {
        checkAgainstReference("mnrl scale 10", DataFormat.TRIPLET, randomColumns(3, 15), 10, Similarity.COSINE,
                false);
    }

    @Test
    void dotSimilarityMatchesTheReference() {
        checkAgainstReference("mnrl dot", DataFormat.TRIPLET, randomColumns(3, 16), 1, Similarity.DOT, false);
    }

    @Test
    void symmetricMatchesTheReference() {
        checkAgainstReference("mnrl symmetric pair", DataFormat.PAIR, randomColumns(2, 17), 20, Similarity.COSINE,
                true);
        checkAgainstReference("mnrl symmetric 2 negatives", DataFormat.TRIPLET, randomColumns(4, 18), 20,
                Similarity.COSINE, true);
    }

    @Test
    void symmetricAveragesBothDirectionsAndLeavesHardNegativesOutOfTheSecond() {
        double[][][] columns = randomColumns(3, 19);
        double forward = ReferenceLosses.mnrl(columns, 20, true, false);
        // Positive j against the anchors only: the anchor-to-positive logits transposed, no negatives.
        double[][][] swapped = {columns[1], columns[0]};
        double backward = ReferenceLosses.mnrl(swapped, 20, true, false);

        LossStep.Result run = LossStep.onEmbeddings(
                new MultipleNegativesRankingLoss(20, Similarity.COSINE, true), DataFormat.TRIPLET, columns);

        assertRelativelyClose("mnrl symmetric as the mean of two directions", run.value(), (forward + backward) / 2,
                TOLERANCE);
    }

    @Test
    void hugeLogitsStayFinite() {
        // Dot products near 1e3 times scale 20: a naive exp() overflows, a shifted log-softmax does not.
        double[][][] columns = randomColumns(3, 20);
        for (double[][] column : columns) {
            for (double[] row : column) {
                for (int k = 0; k < row.length; k++) {
                    row[k] *= 30;
                }
            }
        }
        LossStep.Result run = LossStep.onEmbeddings(
                new MultipleNegativesRankingLoss(20, Similarity.DOT, false), DataFormat.TRIPLET, columns);

        assertThat(run.value()).isFinite();
        assertRelativelyClose("mnrl huge logits", run.value(), ReferenceLosses.mnrl(columns, 20, false, false),
                TOLERANCE);
    }

    @Test
    void scoredPairsAreRejectedWithAMessageNamingTheFormat() {
        MultipleNegativesRankingLoss loss = new MultipleNegativesRankingLoss(20, Similarity.COSINE, false);
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            EmbeddedBatch batch = new EmbeddedBatch(DataFormat.SCORED_PAIR,
                    List.of(manager.ones(new ai.djl.ndarray.types.Shape(2, 3)),
                            manager.ones(new ai.djl.ndarray.types.Shape(2, 3))),
                    manager.create(new float[] {0.5f, 1f}));

            assertThatThrownBy(() -> loss.compute(batch))
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessage("mnrl expects pair or triplet rows, got scored-pair rows; convert them or choose a"
                            + " loss for scored pairs");
        }
    }

    @Test
    void nonPositiveScaleIsRejected() {
        assertThatThrownBy(() -> new MultipleNegativesRankingLoss(0, Similarity.COSINE, false))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("mnrl: scale must be a finite number > 0, got 0.0");
    }

    private static void checkAgainstReference(String what, DataFormat format, double[][][] columns, double scale,
            Similarity similarity, boolean symmetric) {
        boolean cosine = similarity == Similarity.COSINE;
        double expectedLoss = ReferenceLosses.mnrl(columns, scale, cosine, symmetric);
        double[][][] expectedGradient = FiniteDifferences.gradient(
                x -> ReferenceLosses.mnrl(x, scale, cosine, symmetric), columns);

        LossStep.Result run = LossStep.onEmbeddings(
                new MultipleNegativesRankingLoss(scale, similarity, symmetric), format, columns);

        assertRelativelyClose(what + ", loss", run.value(), expectedLoss, TOLERANCE);
        assertRelativelyClose(what + ", gradient", run.gradient(), expectedGradient, TOLERANCE);
    }

    /** {@code columns} matrices of ROWS × DIM standard normal entries, reproducible from {@code seed}. */
    static double[][][] randomColumns(int columns, long seed) {
        Random random = new Random(seed);
        double[][][] result = new double[columns][ROWS][DIM];
        for (double[][] column : result) {
            for (double[] row : column) {
                for (int k = 0; k < DIM; k++) {
                    row[k] = random.nextGaussian();
                }
            }
        }
        return result;
    }
}
