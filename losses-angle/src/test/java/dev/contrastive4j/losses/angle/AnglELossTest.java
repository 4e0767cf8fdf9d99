package dev.contrastive4j.losses.angle;

import static dev.contrastive4j.losses.angle.LossProbe.assertMatches;
import static dev.contrastive4j.losses.angle.LossProbe.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.spi.ContrastiveException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnglELossTest {

    @Test
    void twoPairsWorkedByHand() {
        // Dimension 2: real part a = x[0], imaginary part b = x[1]; ‖u‖ = ‖v‖ = 1.
        // Pair 1: u = 1 + 0i, v = 0.8 + 0.6i: re = ac + bd = 0.8, im = bc − ad = −0.6, angle = |0.8 − 0.6| = 0.2.
        // Pair 2: u = 1 + 0i, v = 0.5 + 0.866i: re = 0.5, im = −0.866, angle = |0.5 − 0.866| = 0.3660.
        // s = 20 × angle = (4, 7.3205); gold (1, 0), so the only term is exp(s_2 − s_1) = e^3.3205 = 27.675:
        // loss = log(1 + 27.675) ≈ 3.3561. (CoSENT on the same pairs is 0.0025: the angle ranks them the other way.)
        double[][] u = {{1, 0}, {1, 0}};
        double[][] v = {{0.8, 0.6}, {0.5, Math.sqrt(0.75)}};

        LossProbe.Result result = LossProbe.onScoredPairs(new AnglELoss(20), u, v, new double[] {1, 0});

        double s1 = 20 * 0.2;
        double s2 = 20 * (Math.sqrt(0.75) - 0.5);
        assertThat(result.value()).isCloseTo(Math.log(1 + Math.exp(s2 - s1)), within(1e-12))
                .isCloseTo(3.3561, within(1e-4));
    }

    @Test
    void valueAndGradientOnConvertedTripletsMatchTheFormula() {
        Random random = new Random(31);
        double[][][] triplets = {gaussian(random, 3, 6), gaussian(random, 3, 6), gaussian(random, 3, 6),
                gaussian(random, 3, 6)};

        LossProbe.Result result = LossProbe.onConvertedTriplets(new AnglELoss(20), triplets);

        double expected = reference(triplets, 20);
        double[][][] gradient = Reference.gradient(triplets, columns -> reference(columns, 20));
        assertMatches(result, expected, gradient);
    }

    @Test
    void valueAndGradientOnGradedScoresWithTiesMatchTheFormula() {
        Random random = new Random(32);
        double[][] u = gaussian(random, 6, 8);
        double[][] v = gaussian(random, 6, 8);
        double[] scores = {0.2, 0.8, 0.5, 0.8, 0.2, 1.0}; // two ties: rows 0 and 4, rows 1 and 3

        LossProbe.Result result = LossProbe.onScoredPairs(new AnglELoss(5), u, v, scores);

        double expected = Reference.angleLoss(u, v, scores, 5);
        double[][][] gradient = Reference.gradient(new double[][][] {u, v},
                columns -> Reference.angleLoss(columns[0], columns[1], scores, 5));
        assertMatches(result, expected, gradient);
    }

    @Test
    void anOddDimensionIsPaddedWithOneZeroComponent() {
        Random random = new Random(33);
        double[][] u = gaussian(random, 5, 5);
        double[][] v = gaussian(random, 5, 5);
        double[] scores = {0.1, 0.9, 0.4, 0.6, 0.4};

        LossProbe.Result odd = LossProbe.onScoredPairs(new AnglELoss(20), u, v, scores);
        LossProbe.Result padded = LossProbe.onScoredPairs(new AnglELoss(20), withZeroColumn(u), withZeroColumn(v), scores);

        // Same value as the explicitly padded dimension 6 (real half: components 0-2, imaginary: 3, 4 and 0) ...
        assertThat(odd.value()).isCloseTo(padded.value(), within(1e-12));
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < 5; r++) {
                assertThat(odd.gradients()[c][r]).containsExactly(Arrays.copyOf(padded.gradients()[c][r], 5),
                        within(1e-12));
            }
        }
        // ... and as the formula with sentence-transformers' padding.
        double expected = Reference.angleLoss(u, v, scores, 20);
        double[][][] gradient = Reference.gradient(new double[][][] {u, v},
                columns -> Reference.angleLoss(columns[0], columns[1], scores, 20));
        assertMatches(odd, expected, gradient);
    }

    @Test
    void theScaleMustBeAPositiveFiniteNumber() {
        assertThatThrownBy(() -> new AnglELoss(-1)).isInstanceOf(ContrastiveException.class)
                .hasMessage("loss 'angle': parameter 'scale' must be a finite number > 0, got -1.0");
        assertThatThrownBy(() -> new AnglELoss(Double.POSITIVE_INFINITY)).isInstanceOf(ContrastiveException.class);
    }

    private static double reference(double[][][] triplets, double scale) {
        Reference.Pairs pairs = Reference.fromTriplets(triplets);
        return Reference.angleLoss(pairs.u(), pairs.v(), pairs.scores(), scale);
    }

    private static double[][] withZeroColumn(double[][] rows) {
        double[][] padded = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            padded[r] = Arrays.copyOf(rows[r], rows[r].length + 1);
        }
        return padded;
    }
}
