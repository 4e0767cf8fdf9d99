package dev.contrastive4j.losses.angle;

import static dev.contrastive4j.losses.angle.LossProbe.assertMatches;
import static dev.contrastive4j.losses.angle.LossProbe.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContrastiveLossTest {

    @Test
    void twoPairsWorkedByHand() {
        // Cosine distance, margin 0.5. Pair 1 (label 1): cos = 0.8, d = 0.2, term ½·0.04 = 0.02.
        // Pair 2 (label 0): cos = 0.6, d = 0.4, hinge 0.5 − 0.4 = 0.1, term ½·0.01 = 0.005.
        // Mean: 0.0125; sum: 0.025.
        double[][] u = {{1, 0}, {3, 0}};
        double[][] v = {{0.8, 0.6}, {0.6, 0.8}};
        double[] labels = {1, 0};

        double mean = LossProbe.onScoredPairs(new ContrastiveLoss(SiameseDistance.COSINE, 0.5, true), u, v, labels).value();
        double sum = LossProbe.onScoredPairs(new ContrastiveLoss(SiameseDistance.COSINE, 0.5, false), u, v, labels).value();

        assertThat(mean).isCloseTo(0.0125, within(1e-12));
        assertThat(sum).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void aNegativePairBeyondTheMarginCostsNothing() {
        // Euclidean distance 5 (+ε) between (0, 0) and (3, 4): beyond margin 1, the negative pair contributes 0.
        double[][] u = {{0, 0}};
        double[][] v = {{3, 4}};

        LossProbe.Result result = LossProbe.onScoredPairs(new ContrastiveLoss(SiameseDistance.EUCLIDEAN, 1, true), u, v,
                new double[] {0});

        assertThat(result.value()).isZero();
        assertThat(LossProbe.largestMagnitude(result.gradients()[0][0])).isZero();
    }

    @ParameterizedTest(name = "{0}, margin {1}, size_average {2}")
    @CsvSource({
        "cosine, 0.5, true",
        "cosine, 1.5, false",
        "euclidean, 4, true",
        "euclidean, 3, false",
        "manhattan, 8, true",
        "manhattan, 6, false"
    })
    void valueAndGradientOnConvertedTripletsMatchTheReference(String distance, double margin, boolean sizeAverage) {
        Random random = new Random(31);
        double[][][] triplets = {gaussian(random, 4, 6), gaussian(random, 4, 6), gaussian(random, 4, 6)};
        ContrastiveLoss loss = new ContrastiveLoss(SiameseDistance.fromParameter(distance), margin, sizeAverage);

        LossProbe.Result result = LossProbe.onConvertedTriplets(loss, triplets);

        java.util.function.ToDoubleFunction<double[][][]> reference = columns -> {
            Reference.Pairs pairs = Reference.fromTriplets(columns);
            return ContrastiveReference.contrastive(pairs.u(), pairs.v(), pairs.scores(), distance, margin,
                    sizeAverage);
        };
        double expected = reference.applyAsDouble(triplets);
        assertThat(expected).as("the margins are chosen so that some negatives are inside them").isPositive();
        assertMatches(result, expected, Reference.gradient(triplets, reference));
    }

    @Test
    void gradedLabelsWeighBothTerms() {
        Random random = new Random(32);
        double[][] u = gaussian(random, 5, 4);
        double[][] v = gaussian(random, 5, 4);
        double[] labels = {0.2, 1, 0, 0.7, 0.5};
        ContrastiveLoss loss = new ContrastiveLoss(SiameseDistance.COSINE, 1.2, true);

        LossProbe.Result result = LossProbe.onScoredPairs(loss, u, v, labels);

        double expected = ContrastiveReference.contrastive(u, v, labels, "cosine", 1.2, true);
        assertMatches(result, expected, Reference.gradient(new double[][][] {u, v},
                columns -> ContrastiveReference.contrastive(columns[0], columns[1], labels, "cosine", 1.2, true)));
    }
}
