package dev.contrastive4j.losses.ranking;

import static dev.contrastive4j.losses.ranking.Closeness.assertRelativelyClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.testkit.FiniteDifferences;
import dev.contrastive4j.testkit.LossStep;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TripletLoss's value and gradients against {@link ReferenceLosses#triplet} and its finite differences, in
 * float64. Margins are chosen per distance so that some rows are inside the margin and some are not, and
 * every row stays well away from the hinge's kink (finite differences need a smooth neighbourhood).
 */
class TripletLossTest {

    private static final double TOLERANCE = 1e-6;

    /**
     * Worked by hand, euclidean, margin 1, one row in two dimensions:
     * a = (0, 0), p = (3, 4), n = (0, 1): d(a, p) = 5, d(a, n) = 1, hinge = 5 − 1 + 1 = 5.
     * ∂/∂p = (p − a)/5 = (0.6, 0.8); ∂/∂n = −(n − a)/1 = (0, −1); ∂/∂a = −(0.6, 0.8) + (0, 1) = (−0.6, 0.2).
     */
    @Test
    void oneRowWorkedByHand() {
        double[][][] columns = {{{0, 0}}, {{3, 4}}, {{0, 1}}};

        LossStep.Result run = LossStep.onEmbeddings(new TripletLoss(TripletDistance.EUCLIDEAN, 1), DataFormat.TRIPLET,
                columns);

        assertThat(run.value()).isCloseTo(5.0, within(1e-12));
        assertRelativelyClose("triplet worked by hand, gradient", run.gradient(),
                new double[][][] {{{-0.6, 0.2}}, {{0.6, 0.8}}, {{0, -1}}}, 1e-12);
    }

    @Test
    void euclideanMatchesTheReference() {
        checkAgainstReference(TripletDistance.EUCLIDEAN, 0.8, 21);
    }

    @Test
    void cosineMatchesTheReference() {
        checkAgainstReference(TripletDistance.COSINE, 0.15, 22);
    }

    @Test
    void manhattanMatchesTheReference() {
        checkAgainstReference(TripletDistance.MANHATTAN, 1.0, 23);
    }

    @Test
    void defaultMarginOfFiveKeepsEveryRowActive() {
        double[][][] columns = MultipleNegativesRankingLossTest.randomColumns(3, 24);
        scale(columns, 0.2);
        assertThat(hingeArguments(columns, "euclidean", 5)).allMatch(h -> h > 0.1);

        LossStep.Result run = LossStep.onEmbeddings(new TripletLoss(TripletDistance.EUCLIDEAN, 5), DataFormat.TRIPLET,
                columns);

        assertRelativelyClose("triplet default margin, loss", run.value(),
                ReferenceLosses.triplet(columns, "euclidean", 5), TOLERANCE);
    }

    @Test
    void onlyTheFirstNegativeCounts() {
        double[][][] threeColumns = MultipleNegativesRankingLossTest.randomColumns(3, 25);
        double[][][] fourColumns = Arrays.copyOf(threeColumns, 4);
        fourColumns[3] = MultipleNegativesRankingLossTest.randomColumns(1, 26)[0];

        LossStep.Result one = LossStep.onEmbeddings(new TripletLoss(TripletDistance.EUCLIDEAN, 2), DataFormat.TRIPLET,
                threeColumns);
        LossStep.Result two = LossStep.onEmbeddings(new TripletLoss(TripletDistance.EUCLIDEAN, 2), DataFormat.TRIPLET,
                fourColumns);

        assertThat(two.value()).isEqualTo(one.value());
        assertThat(Closeness.maxAbs(Closeness.flatten(new double[][][] {two.gradient()[3]}))).isZero();
    }

    @Test
    void rowsBeyondTheMarginContributeNothing() {
        // n is 10 away from a and p is at a: hinge = 0 − 10 + 1 < 0.
        double[][][] columns = {{{0, 0}}, {{0, 0}}, {{6, 8}}};

        LossStep.Result run = LossStep.onEmbeddings(new TripletLoss(TripletDistance.EUCLIDEAN, 1), DataFormat.TRIPLET,
                columns);

        assertThat(run.value()).isZero();
        assertThat(Closeness.maxAbs(Closeness.flatten(run.gradient()))).isZero();
    }

    @Test
    void pairsAreRejectedWithAMessageNamingTheFormat() {
        TripletLoss loss = new TripletLoss(TripletDistance.EUCLIDEAN, 5);
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            EmbeddedBatch batch = new EmbeddedBatch(DataFormat.PAIR,
                    List.of(manager.ones(new Shape(2, 3)), manager.ones(new Shape(2, 3))), null);

            assertThatThrownBy(() -> loss.compute(batch))
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessage("triplet expects triplet rows (anchor, positive, negative), got pair rows");
        }
    }

    @Test
    void negativeMarginIsRejected() {
        assertThatThrownBy(() -> new TripletLoss(TripletDistance.COSINE, -0.1))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("triplet: margin must be a finite number >= 0, got -0.1");
    }

    private static void checkAgainstReference(TripletDistance distance, double margin, long seed) {
        String name = distance.parameterValue();
        double[][][] columns = MultipleNegativesRankingLossTest.randomColumns(3, seed);
        List<Double> hinges = hingeArguments(columns, name, margin);
        assertThat(hinges).as("some rows inside the margin, some beyond it").anyMatch(h -> h > 0).anyMatch(h -> h < 0);
        assertThat(hinges).as("every row away from the kink").allMatch(h -> Math.abs(h) > 1e-2);
        double expectedLoss = ReferenceLosses.triplet(columns, name, margin);
        double[][][] expectedGradient = FiniteDifferences.gradient(x -> ReferenceLosses.triplet(x, name, margin),
                columns);

        LossStep.Result run = LossStep.onEmbeddings(new TripletLoss(distance, margin), DataFormat.TRIPLET, columns);

        assertRelativelyClose("triplet " + name + ", loss", run.value(), expectedLoss, TOLERANCE);
        assertRelativelyClose("triplet " + name + ", gradient", run.gradient(), expectedGradient, TOLERANCE);
    }

    private static List<Double> hingeArguments(double[][][] columns, String distance, double margin) {
        return Arrays.stream(ReferenceLosses.tripletHingeArguments(columns, distance, margin)).boxed().toList();
    }

    private static void scale(double[][][] columns, double factor) {
        for (double[][] column : columns) {
            for (double[] row : column) {
                for (int k = 0; k < row.length; k++) {
                    row[k] *= factor;
                }
            }
        }
    }
}
