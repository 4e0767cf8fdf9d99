package dev.contrastive4j.losses.ranking;

import static dev.contrastive4j.losses.ranking.Closeness.assertRelativelyClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.testkit.FiniteDifferences;
import dev.contrastive4j.testkit.TestLossContext;
import dev.contrastive4j.train.LossPlan;
import dev.contrastive4j.train.MatryoshkaLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code matryoshka(…)} around the ranking losses, written as a user writes it and planned as the trainer plans
 * it, on fixed float64 embeddings ({@link TableEmbedder}): value and ∂/∂embeddings against the double-precision
 * reference {@code Σ_k w_k · L(shrink_{d_k}(E))}, where {@code shrink_d} keeps the first d components and
 * normalises them again, with finite differences for the gradient.
 */
class MatryoshkaLossTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(MatryoshkaLossTest.class.getClassLoader());
    private static final int ROWS = 5;
    private static final int DIMENSION = 8;

    /** What the loss gave: value, gradient with respect to every embedding, and the table's pass counts. */
    private record Run(double value, double[][][] gradient, TableEmbedder embedder) {
    }

    @Test
    void aroundMnrlValueAndGradientMatchTheReference() {
        double[][][] columns = columns(51);

        Run run = run("matryoshka(mnrl, dims=[8, 4, 2])", columns, 1.0);

        ToDoubleFunction<double[][][]> reference = x -> weightedSum(x, new int[] {8, 4, 2}, new double[] {1, 1, 1},
                e -> ReferenceLosses.mnrl(e, 20, true, false));
        assertMatches(run, reference, columns);
    }

    @Test
    void aroundCmnrlEqualsAroundMnrlAndEmbedsEachMiniBatchOnce() {
        double[][][] columns = columns(52);
        String dims = "dims=[8, 5, 3], weights=[1, 0.5, 0.25]";

        Run uncached = run("matryoshka(mnrl, " + dims + ")", columns, 0.7);
        Run cached = run("matryoshka(cmnrl(mini_batch_size=2), " + dims + ")", columns, 0.7);

        assertRelativelyClose("value", cached.value(), uncached.value(), 1e-12);
        assertRelativelyClose("gradient", cached.gradient(), uncached.gradient(), 1e-10);
        ToDoubleFunction<double[][][]> reference = x -> 0.7 * weightedSum(x, new int[] {8, 5, 3},
                new double[] {1, 0.5, 0.25}, e -> ReferenceLosses.mnrl(e, 20, true, false));
        assertRelativelyClose("gradient against the reference", cached.gradient(),
                FiniteDifferences.gradient(reference, columns), 1e-6);
        // Three dimensions, yet every mini-batch of every column is embedded once without and once with a graph,
        // as CMNRL alone does: 3 columns × 3 mini-batches of 2, 2, 1 rows.
        assertThat(cached.embedder().detachedPasses()).hasSize(9);
        assertThat(new HashSet<>(cached.embedder().detachedPasses())).hasSize(9);
        assertThat(cached.embedder().passesWithGradient()).containsExactlyElementsOf(
                cached.embedder().detachedPasses());
    }

    @Test
    void aroundTripletValueAndGradientMatchTheReference() {
        double[][][] columns = columns(53);

        Run run = run("matryoshka(triplet, dims=[3, 8], weights=[2, 1])", columns, 1.0);

        // Euclidean distance and the default margin 5: on unit vectors every hinge is active, the loss is smooth.
        ToDoubleFunction<double[][][]> reference = x -> weightedSum(x, new int[] {3, 8}, new double[] {2, 1},
                e -> ReferenceLosses.triplet(e, "euclidean", 5));
        assertMatches(run, reference, columns);
    }

    @Test
    void aroundAWeightedCombinationOfEmbeddingAndEncoderLossesMatchesTheReference() {
        double[][][] columns = columns(54);

        Run run = run("matryoshka(0.6*mnrl(scale=10) + 0.3*triplet + 0.1*cmnrl(mini_batch_size=3), dims=[6, 2],"
                + " weights=[1, 3])", columns, 1.0);

        ToDoubleFunction<double[][][]> reference = x -> weightedSum(x, new int[] {6, 2}, new double[] {1, 3},
                e -> 0.6 * ReferenceLosses.mnrl(e, 10, true, false) + 0.3 * ReferenceLosses.triplet(e, "euclidean", 5)
                        + 0.1 * ReferenceLosses.mnrl(e, 20, true, false));
        assertMatches(run, reference, columns);
    }

    @Test
    void theReferenceTellsRenormalisedFromMerelyTruncatedEmbeddings() {
        // Negative control: without normalising again after truncation the value differs, so the checks above
        // would notice an implementation that forgot it.
        double[][][] columns = columns(55);

        Run run = run("matryoshka(triplet, dims=[4])", columns, 1.0);

        double truncatedOnly = ReferenceLosses.triplet(truncate(columns, 4, false), "euclidean", 5);
        assertThat(Math.abs(run.value() - truncatedOnly)).isGreaterThan(1e-3);
        assertRelativelyClose("value", run.value(),
                ReferenceLosses.triplet(truncate(columns, 4, true), "euclidean", 5), 1e-12);
    }

    @Test
    void aDimensionLargerThanTheModelsIsRefused() {
        assertThatThrownBy(() -> run("matryoshka(mnrl, dims=[16, 4])", columns(56), 1.0))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("loss 'matryoshka': dimension 16 is larger than the model's embeddings (8)");
    }

    @Test
    void dimsAndWeightsMustFitEachOther() {
        assertThatThrownBy(() -> plan("matryoshka(mnrl, dims=[8, 4], weights=[1])"))
                .hasMessage("loss 'matryoshka': 1 weights for 2 dims; give one weight per dimension, or none for all 1");
        assertThatThrownBy(() -> plan("matryoshka(mnrl)"))
                .hasMessageStartingWith("loss 'matryoshka' needs the dimensions to train at");
    }

    private static Run run(String expression, double[][][] columns, double weight) {
        EncoderLoss loss = plan(expression);
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            TableEmbedder embedder = new TableEmbedder(manager, columns);
            double value;
            try (GradientCollector collector = engine.newGradientCollector()) {
                value = loss.forwardBackward(batch(columns), new TestLossContext(embedder, manager, 7, collector),
                        weight);
            }
            return new Run(value, embedder.gradient(), embedder);
        }
    }

    private static MatryoshkaLoss plan(String expression) {
        LossPlan plan = LossPlan.create(LossSpec.parse(expression, REGISTRY), DataFormat.TRIPLET, REGISTRY);
        return (MatryoshkaLoss) plan.losses().get(0).loss();
    }

    private static void assertMatches(Run run, ToDoubleFunction<double[][][]> reference, double[][][] columns) {
        assertRelativelyClose("value", run.value(), reference.applyAsDouble(columns), 1e-12);
        assertRelativelyClose("gradient", run.gradient(), FiniteDifferences.gradient(reference, columns), 1e-6);
    }

    /** Σ_k w_k · loss(shrink_{d_k}(columns)). */
    private static double weightedSum(double[][][] columns, int[] dims, double[] weights,
            ToDoubleFunction<double[][][]> loss) {
        double sum = 0;
        for (int k = 0; k < dims.length; k++) {
            sum += weights[k] * loss.applyAsDouble(truncate(columns, dims[k], true));
        }
        return sum;
    }

    private static double[][][] truncate(double[][][] columns, int dimension, boolean normalise) {
        double[][][] result = new double[columns.length][][];
        for (int c = 0; c < columns.length; c++) {
            result[c] = new double[columns[c].length][];
            for (int r = 0; r < columns[c].length; r++) {
                double[] row = Arrays.copyOf(columns[c][r], dimension);
                double norm = normalise ? Math.sqrt(ReferenceLosses.dot(row, row)) : 1;
                for (int k = 0; k < dimension; k++) {
                    row[k] /= norm;
                }
                result[c][r] = row;
            }
        }
        return result;
    }

    private static double[][][] columns(long seed) {
        Random random = new Random(seed);
        double[][][] columns = new double[3][ROWS][DIMENSION];
        for (double[][] column : columns) {
            for (double[] row : column) {
                for (int k = 0; k < DIMENSION; k++) {
                    row[k] = random.nextGaussian();
                }
            }
        }
        return columns;
    }

    private static Batch batch(double[][][] columns) {
        List<Triplet> rows = new ArrayList<>();
        for (int r = 0; r < columns[0].length; r++) {
            rows.add(new Triplet(TableEmbedder.text(0, r), TableEmbedder.text(1, r), TableEmbedder.text(2, r)));
        }
        return Batch.of(rows);
    }
}
