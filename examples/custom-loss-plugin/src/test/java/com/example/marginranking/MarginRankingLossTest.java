package com.example.marginranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.testkit.FiniteDifferences;
import dev.contrastive4j.testkit.GradientCheck;
import dev.contrastive4j.testkit.LossStep;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarginRankingLossTest {

    /** Row 1: a = (1, 0), p = (0.6, 0.8), n = (0.8, 0.6). Row 2: a = (0, 2), p = (0, 1), n = (3, 0). */
    private static final double[][][] WORKED_EXAMPLE = {
        {{1, 0}, {0, 2}},
        {{0.6, 0.8}, {0, 1}},
        {{0.8, 0.6}, {3, 0}},
    };

    @Test
    void aWorkedExampleByHand() {
        // Row 1: cos(a, p) = 0.6, cos(a, n) = 0.8, hinge = max(0, 0.3 − 0.6 + 0.8) = 0.5.
        // Row 2: cos(a, p) = 1, cos(a, n) = 0, hinge = max(0, 0.3 − 1 + 0) = 0 (lengths do not matter).
        // L = (0.5 + 0) / 2 = 0.25.
        assertThat(LossStep.onEmbeddings(new MarginRankingLoss(0.3, false), DataFormat.TRIPLET, WORKED_EXAMPLE)
                .value()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void inBatchNegativesAddEveryOtherRowsPositiveToTheMean() {
        // The worked example plus in-batch pairs. Row 1 against p₂ = (0, 1): cos = 0, hinge = max(0, 0.3 − 0.6 + 0) = 0.
        // Row 2 against p₁ = (0.6, 0.8): cos = 0.8, hinge = max(0, 0.3 − 1 + 0.8) = 0.1.
        // L = (0.5 + 0 + 0 + 0.1) / (2·1 hard + 2·1 in-batch pairs) = 0.15.
        assertThat(LossStep.onEmbeddings(new MarginRankingLoss(0.3, true), DataFormat.TRIPLET, WORKED_EXAMPLE)
                .value()).isCloseTo(0.15, within(1e-12));
    }

    @Test
    void lossAndGradientsMatchTheDoublePrecisionReferenceWithSeveralNegatives() {
        for (boolean inBatch : new boolean[] {false, true}) {
            double margin = 0.3;
            double[][][] columns = awayFromKinks(5, 3, 8, margin, inBatch);

            LossStep.Result run = LossStep.onEmbeddings(new MarginRankingLoss(margin, inBatch), DataFormat.TRIPLET,
                    columns);

            double expected = ReferenceMarginRanking.loss(columns, margin, inBatch);
            assertThat(expected).as("some hinges are active").isGreaterThan(0);
            assertThat(run.value()).as("in-batch " + inBatch).isCloseTo(expected, within(1e-12));
            double[][][] expectedGradient = FiniteDifferences.gradient(
                    x -> ReferenceMarginRanking.loss(x, margin, inBatch), columns);
            for (int c = 0; c < columns.length; c++) {
                for (int r = 0; r < columns[c].length; r++) {
                    assertThat(run.gradient()[c][r]).as("∂L/∂column %d row %d, in-batch %s", c, r, inBatch)
                            .containsExactly(expectedGradient[c][r], within(1e-8));
                }
            }
        }
    }

    @Test
    void autogradGradientMatchesFiniteDifferencesOfTheLossItself() {
        // No reference needed: the kit differentiates the loss numerically, in double precision.
        for (boolean inBatch : new boolean[] {false, true}) {
            double[][][] columns = awayFromKinks(4, 2, 6, 0.3, inBatch);
            GradientCheck.assertMatchesFiniteDifferences(new MarginRankingLoss(0.3, inBatch), DataFormat.TRIPLET,
                    columns);
        }
    }

    @Test
    void wellSeparatedRowsCostNothingAndGetNoGradient() {
        // Positives point the anchor's way, negatives the opposite way: m − 1 + (−1) < 0 for any m < 2.
        double[][][] columns = {
            {{1, 0, 0}, {0, 1, 0}},
            {{2, 0, 0}, {0, 3, 0}},
            {{-1, 0, 0}, {0, -1, 0}},
        };

        LossStep.Result run = LossStep.onEmbeddings(new MarginRankingLoss(1.5, false), DataFormat.TRIPLET, columns);

        assertThat(run.value()).isZero();
        for (double[][] column : run.gradient()) {
            for (double[] row : column) {
                assertThat(row).containsOnly(0.0);
            }
        }
    }

    /** Random Gaussian embeddings, redrawn until every hinge is at least 0.01 away from its kink. */
    private static double[][][] awayFromKinks(int rows, int negatives, int dimension, double margin, boolean inBatch) {
        Random random = new Random(17);
        while (true) {
            double[][][] columns = new double[2 + negatives][rows][dimension];
            for (double[][] column : columns) {
                for (double[] row : column) {
                    for (int d = 0; d < dimension; d++) {
                        row[d] = random.nextGaussian();
                    }
                }
            }
            if (ReferenceMarginRanking.distanceFromKinks(columns, margin, inBatch) > 0.01) {
                return columns;
            }
        }
    }
}
