package dev.contrastive4j.losses.angle;

import static dev.contrastive4j.losses.angle.LossProbe.assertMatches;
import static dev.contrastive4j.losses.angle.LossProbe.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CosineSimilarityLossTest {

    @Test
    void twoPairsWorkedByHand() {
        // cos(u1, v1) = 0.8 against gold 1: error² = 0.04.  cos(u2, v2) = 0.5 against gold 0: error² = 0.25.
        // loss = (0.04 + 0.25) / 2 = 0.145. The lengths of the vectors do not matter: v2 is scaled by 3.
        double[][] u = {{1, 0}, {2, 0}};
        double[][] v = {{0.8, 0.6}, {1.5, 3 * Math.sqrt(0.75)}};

        LossProbe.Result result = LossProbe.onScoredPairs(new CosineSimilarityLoss(), u, v, new double[] {1, 0});

        assertThat(result.value()).isCloseTo(0.145, within(1e-12));
    }

    @Test
    void valueAndGradientOnConvertedTripletsMatchTheFormula() {
        Random random = new Random(21);
        double[][][] triplets = {gaussian(random, 3, 6), gaussian(random, 3, 6), gaussian(random, 3, 6),
                gaussian(random, 3, 6)};

        LossProbe.Result result = LossProbe.onConvertedTriplets(new CosineSimilarityLoss(), triplets);

        double expected = reference(triplets);
        double[][][] gradient = Reference.gradient(triplets, CosineSimilarityLossTest::reference);
        assertMatches(result, expected, gradient);
    }

    @Test
    void valueAndGradientOnGradedScoresWithTiesMatchTheFormula() {
        Random random = new Random(22);
        double[][] u = gaussian(random, 6, 5);
        double[][] v = gaussian(random, 6, 5);
        double[] scores = {0.2, 0.8, 0.5, 0.8, 0.2, 1.0};

        LossProbe.Result result = LossProbe.onScoredPairs(new CosineSimilarityLoss(), u, v, scores);

        double expected = Reference.cosineMse(u, v, scores);
        double[][][] gradient = Reference.gradient(new double[][][] {u, v},
                columns -> Reference.cosineMse(columns[0], columns[1], scores));
        assertMatches(result, expected, gradient);
    }

    private static double reference(double[][][] triplets) {
        Reference.Pairs pairs = Reference.fromTriplets(triplets);
        return Reference.cosineMse(pairs.u(), pairs.v(), pairs.scores());
    }
}
