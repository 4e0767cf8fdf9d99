package dev.contrastive4j.losses.angle;

import static dev.contrastive4j.losses.angle.LossProbe.assertMatches;
import static dev.contrastive4j.losses.angle.LossProbe.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnlineContrastiveLossTest {

    @Test
    void onlyHardPairsCountWorkedByHand() {
        // Cosine distances d = 1 − cos, margin 0.5, unit vectors at angle θ: cos θ.
        //   positives (label 1): d = 0.1, 0.4      negatives (label 0): d = 0.3, 0.9
        // Two positives: negatives count if d < max positive 0.4 → only 0.3 (hinge 0.2, term 0.04).
        // Two negatives: positives count if d > min negative 0.3 → only 0.4 (term 0.16).
        // loss = 0.16 + 0.04 = 0.2 (a sum, no factor ½).
        double[][] u = {{1, 0}, {1, 0}, {1, 0}, {1, 0}};
        double[][] v = {unit(0.9), unit(0.6), unit(0.7), unit(0.1)};
        double[] labels = {1, 1, 0, 0};

        LossProbe.Result result = LossProbe.onScoredPairs(new OnlineContrastiveLoss(SiameseDistance.COSINE, 0.5), u, v,
                labels);

        assertThat(result.value()).isCloseTo(0.2, within(1e-12));
        // The easy pairs (rows 0 and 3) get no gradient at all.
        assertThat(LossProbe.largestMagnitude(result.gradients()[1][0])).isZero();
        assertThat(LossProbe.largestMagnitude(result.gradients()[1][3])).isZero();
        assertThat(LossProbe.largestMagnitude(result.gradients()[1][1])).isPositive();
    }

    @ParameterizedTest(name = "{0}, margin {1}")
    @CsvSource({"cosine, 0.5", "cosine, 1.2", "euclidean, 4", "manhattan, 9"})
    void valueAndGradientOnConvertedTripletsMatchTheReference(String distance, double margin) {
        Random random = new Random(41);
        // Two negatives per triplet: 6 positive and 12 negative pairs.
        double[][][] triplets = {gaussian(random, 6, 5), gaussian(random, 6, 5), gaussian(random, 6, 5),
                gaussian(random, 6, 5)};
        OnlineContrastiveLoss loss = new OnlineContrastiveLoss(SiameseDistance.fromParameter(distance), margin);

        LossProbe.Result result = LossProbe.onConvertedTriplets(loss, triplets);

        ToDoubleFunction<double[][][]> reference = columns -> {
            Reference.Pairs pairs = Reference.fromTriplets(columns);
            return ContrastiveReference.online(pairs.u(), pairs.v(), pairs.scores(), distance, margin);
        };
        double expected = reference.applyAsDouble(triplets);
        assertThat(expected).isPositive();
        assertMatches(result, expected, Reference.gradient(triplets, reference));
    }

    @Test
    void oneTripletUsesTheMeansAsThresholds() {
        // One positive and one negative pair: with fewer than two of the other label, each threshold is the set's
        // own mean, i.e. its single distance, which it does not exceed strictly: nothing is hard and the loss is
        // 0 whatever the distances (sentence-transformers' rule).
        Random random = new Random(42);
        double[][][] triplet = {gaussian(random, 1, 4), gaussian(random, 1, 4), gaussian(random, 1, 4)};

        LossProbe.Result result = LossProbe.onConvertedTriplets(new OnlineContrastiveLoss(SiameseDistance.COSINE, 2),
                triplet);

        assertThat(result.value()).isZero();
        assertThat(ContrastiveReference.online(new double[][] {triplet[0][0], triplet[0][0]},
                new double[][] {triplet[1][0], triplet[2][0]}, new double[] {1, 0}, "cosine", 2)).isZero();
    }

    @Test
    void aSinglePositiveMakesTheNegativesMeanTheirThreshold() {
        Random random = new Random(43);
        double[][] u = gaussian(random, 5, 4);
        double[][] v = gaussian(random, 5, 4);
        double[] labels = {1, 0, 0, 0, 0.5};   // the 0.5 row belongs to neither set

        LossProbe.Result result = LossProbe.onScoredPairs(new OnlineContrastiveLoss(SiameseDistance.EUCLIDEAN, 5), u, v,
                labels);

        double expected = ContrastiveReference.online(u, v, labels, "euclidean", 5);
        assertThat(expected).isPositive();
        assertMatches(result, expected, Reference.gradient(new double[][][] {u, v},
                columns -> ContrastiveReference.online(columns[0], columns[1], labels, "euclidean", 5)));
        assertThat(LossProbe.largestMagnitude(result.gradients()[0][4])).isZero();
    }

    private static double[] unit(double cosine) {
        return new double[] {cosine, Math.sqrt(1 - cosine * cosine)};
    }
}
