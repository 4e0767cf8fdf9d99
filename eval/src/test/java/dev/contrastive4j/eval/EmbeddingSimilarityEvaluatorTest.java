package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.ScoredPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingSimilarityEvaluatorTest {

    /*
     * sentence1 is always "s" = (1, 0). The second sentences and their similarities to s, by hand:
     *
     * pair  vector   gold  cosine  dot  −euclidean        −manhattan
     * 1     (1, 0)   1.0   1.0     1    0                 0
     * 2     (8, 6)   0.8   0.8     8    −√(49+36) = −√85  −(7+6) = −13
     * 3     (3, 4)   0.8   0.6     3    −√(4+16)  = −√20  −(2+4) = −6
     * 4     (0, 5)   0.0   0.0     0    −√(1+25)  = −√26  −(1+5) = −6
     *
     * Average ranks (smallest = 1):
     * gold       4  2.5  2.5  1       deviations from 2.5:  1.5  0    0    −1.5   (Σ² = 4.5)
     * cosine     4  3    2    1                             1.5  0.5 −0.5 −1.5   (Σ² = 5)
     * dot        2  4    3    1                            −0.5  1.5  0.5 −1.5   (Σ² = 5)
     * euclidean  4  1    3    2                             1.5 −1.5  0.5 −0.5   (Σ² = 5)
     * manhattan  4  1    2.5  2.5 (−6 tied)                 1.5 −1.5  0    0     (Σ² = 4.5)
     *
     * Spearman = Σ(gold dev × dev) / √(4.5 × Σ²):
     * cosine 4.5/√22.5 = 3/√10, dot 1.5/√22.5 = 1/√10, euclidean 3/√22.5 = 2/√10, manhattan 2.25/4.5 = 0.5.
     *
     * Pearson, cosine: gold mean 0.65, cosine mean 0.6; deviations (.35 .15 .15 −.65) and (.4 .2 0 −.6):
     * Σ = .14 + .03 + 0 + .39 = .56, Σgold² = .59, Σcos² = .56, r = .56/√(.59 × .56).
     * Pearson, dot: dot mean 3, deviations (−2 5 0 −3): Σ = −.7 + .75 + 0 + 1.95 = 2, Σdot² = 38, r = 2/√(.59 × 38).
     */
    private static final List<ScoredPair> PAIRS = List.of(
            new ScoredPair("s", "b1", 1.0),
            new ScoredPair("s", "b2", 0.8),
            new ScoredPair("s", "b3", 0.8),
            new ScoredPair("s", "b4", 0.0));

    private static FixedVectors vectors() {
        return new FixedVectors().with("s", 1, 0).with("b1", 1, 0).with("b2", 8, 6).with("b3", 3, 4).with("b4", 0, 5);
    }

    @Test
    void spearmanOfEachSimilarityByHand() {
        EvaluationResult result = new EmbeddingSimilarityEvaluator(PAIRS).evaluate(vectors());

        assertThat(result.metric(Metrics.SIMILARITY_SPEARMAN_COSINE)).isCloseTo(3 / Math.sqrt(10), within(1e-12));
        assertThat(result.metric(Metrics.SIMILARITY_SPEARMAN_DOT)).isCloseTo(1 / Math.sqrt(10), within(1e-12));
        assertThat(result.metric(Metrics.SIMILARITY_SPEARMAN_EUCLIDEAN)).isCloseTo(2 / Math.sqrt(10), within(1e-12));
        assertThat(result.metric(Metrics.SIMILARITY_SPEARMAN_MANHATTAN)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void pearsonOfEachSimilarityByHand() {
        EvaluationResult result = new EmbeddingSimilarityEvaluator(PAIRS).evaluate(vectors());

        assertThat(result.metric(Metrics.SIMILARITY_PEARSON_COSINE)).isCloseTo(.56 / Math.sqrt(.59 * .56), within(1e-9));
        assertThat(result.metric(Metrics.SIMILARITY_PEARSON_DOT)).isCloseTo(2 / Math.sqrt(.59 * 38), within(1e-9));
        double[] gold = {1.0, 0.8, 0.8, 0.0};
        assertThat(result.metric(Metrics.SIMILARITY_PEARSON_EUCLIDEAN)).isCloseTo(
                pearsonByDefinition(gold, new double[] {0, -Math.sqrt(85), -Math.sqrt(20), -Math.sqrt(26)}),
                within(1e-9));
        assertThat(result.metric(Metrics.SIMILARITY_PEARSON_MANHATTAN)).isCloseTo(
                pearsonByDefinition(gold, new double[] {0, -13, -6, -6}), within(1e-9));
    }

    @Test
    void reportsPearsonThenSpearmanForEachSimilarityInOrder() {
        EvaluationResult result = new EmbeddingSimilarityEvaluator("sts-dev", PAIRS, 3).evaluate(vectors());
        assertThat(result.evaluator()).isEqualTo("sts-dev");
        assertThat(result.metrics().keySet()).containsExactlyElementsOf(Metrics.SIMILARITY);
    }

    @Test
    void sharedSentenceIsEmbeddedOnce() {
        FixedVectors vectors = vectors();
        new EmbeddingSimilarityEvaluator("sts", PAIRS, 2).evaluate(vectors);
        assertThat(vectors.embeddedTexts()).containsExactly("s", "b1", "b2", "b3", "b4");
        assertThat(vectors.batches()).extracting(List::size).containsExactly(2, 2, 1);
    }

    @Test
    void constantGoldScoresGiveNaN() {
        List<ScoredPair> flat = List.of(new ScoredPair("s", "b1", 0.5), new ScoredPair("s", "b2", 0.5));
        EvaluationResult result = new EmbeddingSimilarityEvaluator(flat).evaluate(vectors());
        assertThat(result.metrics().values()).allSatisfy(value -> assertThat(value).isNaN());
    }

    @Test
    void fewerThanTwoPairsIsAnError() {
        assertThatThrownBy(() -> new EmbeddingSimilarityEvaluator(List.of(new ScoredPair("s", "b1", 1))))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("similarity evaluator 'similarity': expected at least two scored pairs to correlate, found 1");
    }

    /** r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²), written out for the two cases with irrational values. */
    private static double pearsonByDefinition(double[] x, double[] y) {
        double meanX = (x[0] + x[1] + x[2] + x[3]) / 4;
        double meanY = (y[0] + y[1] + y[2] + y[3]) / 4;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 4; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
