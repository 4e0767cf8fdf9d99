package dev.contrastive4j.losses.angle;

import static dev.contrastive4j.losses.angle.LossProbe.assertMatches;
import static dev.contrastive4j.losses.angle.LossProbe.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.spi.ContrastiveException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoSENTLossTest {

    @Test
    void twoPairsWorkedByHand() {
        // u1 = (1, 0), v1 = (0.8, 0.6): cos = 0.8, gold 1.     u2 = (1, 0), v2 = (0.5, √0.75): cos = 0.5, gold 0.
        // s = 20 × cos = (16, 10). The only ordered pair with y_i < y_j is (i, j) = (2, 1), so
        // loss = log(1 + exp(s_2 − s_1)) = log(1 + e^−6) = log(1.0024787522) ≈ 0.0024756852.
        double[][] u = {{1, 0}, {1, 0}};
        double[][] v = {{0.8, 0.6}, {0.5, Math.sqrt(0.75)}};

        LossProbe.Result result = LossProbe.onScoredPairs(new CoSENTLoss(20), u, v, new double[] {1, 0});

        assertThat(result.value()).isCloseTo(0.0024756852, within(1e-10));
    }

    @Test
    void valueAndGradientOnConvertedTripletsMatchTheFormula() {
        // 3 triplets with 2 negatives each become 9 pairs scored 1, 0, 0 (per triplet).
        Random random = new Random(11);
        double[][][] triplets = {gaussian(random, 3, 6), gaussian(random, 3, 6), gaussian(random, 3, 6),
                gaussian(random, 3, 6)};

        LossProbe.Result result = LossProbe.onConvertedTriplets(new CoSENTLoss(20), triplets);

        double expected = reference(triplets, 20);
        double[][][] gradient = Reference.gradient(triplets, columns -> reference(columns, 20));
        assertMatches(result, expected, gradient);
    }

    @Test
    void valueAndGradientOnGradedScoresWithTiesMatchTheFormula() {
        Random random = new Random(12);
        double[][] u = gaussian(random, 6, 6);
        double[][] v = gaussian(random, 6, 6);
        double[] scores = {0.2, 0.8, 0.5, 0.8, 0.2, 1.0}; // two ties: rows 0 and 4, rows 1 and 3

        LossProbe.Result result = LossProbe.onScoredPairs(new CoSENTLoss(7.5), u, v, scores);

        double expected = Reference.cosent(u, v, scores, 7.5);
        double[][][] gradient = Reference.gradient(new double[][][] {u, v},
                columns -> Reference.cosent(columns[0], columns[1], scores, 7.5));
        assertMatches(result, expected, gradient);
    }

    @Test
    void pairsWithEqualScoresAreNotCompared() {
        Random random = new Random(13);
        double[][] u = gaussian(random, 4, 6);
        double[][] v = gaussian(random, 4, 6);

        LossProbe.Result result = LossProbe.onScoredPairs(new CoSENTLoss(20), u, v, new double[] {0.5, 0.5, 0.5, 0.5});

        // log(1 + empty sum) = 0, and nothing to push in any direction.
        assertThat(result.value()).isZero();
        for (double[][] column : result.gradients()) {
            for (double[] row : column) {
                assertThat(row).containsExactly(new double[row.length], within(0.0));
            }
        }
    }

    @Test
    void aLargeScaleDoesNotOverflow() {
        // The pair scored 0 has the higher cosine (0.8 against 0.5): with scale 1000 the only term is
        // exp(1000 × 0.3) = e^300, beyond double range when summed naively; log(1 + e^300) = 300 + log(1 + e^−300).
        double[][] u = {{1, 0}, {1, 0}};
        double[][] v = {{0.5, Math.sqrt(0.75)}, {0.8, 0.6}};

        LossProbe.Result result = LossProbe.onScoredPairs(new CoSENTLoss(1000), u, v, new double[] {1, 0});

        assertThat(result.value()).isCloseTo(300, within(1e-9));
    }

    @Test
    void theScaleMustBeAPositiveFiniteNumber() {
        assertThatThrownBy(() -> new CoSENTLoss(0)).isInstanceOf(ContrastiveException.class)
                .hasMessage("loss 'cosent': parameter 'scale' must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new CoSENTLoss(Double.NaN)).isInstanceOf(ContrastiveException.class);
    }

    private static double reference(double[][][] triplets, double scale) {
        Reference.Pairs pairs = Reference.fromTriplets(triplets);
        return Reference.cosent(pairs.u(), pairs.v(), pairs.scores(), scale);
    }
}
