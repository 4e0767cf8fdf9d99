package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Triplet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TripletEvaluatorTest {

    /*
     * Every anchor is (1, 0). Per comparison (positive vs negative), whether the positive wins, by hand:
     *
     * row  positive    negative     cos: a·x/|x|    dot      euclid d    manhattan d   wins (cos dot euc man)
     * r1   (2, 0)      (0, 1)       1 vs 0          2 vs 0   1 vs √2     1 vs 2        Y Y Y Y
     * r2   (1, 0.1)    (5, 5)       0.995 vs 0.707  1 vs 5   0.1 vs √41  0.1 vs 9      Y N Y Y
     * r3   (0, 2)      (0, 2)       tie             tie      tie         tie           N N N N  (ties lose)
     * r4   (3, 0)      (1, 1.5)     1 vs 0.555      3 vs 1   2 vs 1.5    2 vs 1.5      Y Y N N
     *      (3, 0)      (-1, 0)      1 vs -1         3 vs -1  2 vs 2      2 vs 2        Y Y N N  (second negative)
     * r5   (2.5, 0.9)  (1, -2)      0.941 vs 0.447  2.5 vs 1 √3.06 vs 2  2.4 vs 2      Y Y Y N
     *
     * Six comparisons: cosine 5/6, dot 4/6, euclidean 3/6, manhattan 2/6.
     */
    private static final List<Triplet> TRIPLETS = List.of(
            new Triplet("a1", "p1", "n1"),
            new Triplet("a2", "p2", "n2"),
            new Triplet("a3", "p3", "n3"),
            new Triplet("a4", "p4", List.of("n4", "n4b")),
            new Triplet("a5", "p5", "n5"));

    private static FixedVectors vectors() {
        FixedVectors vectors = new FixedVectors();
        for (String anchor : List.of("a1", "a2", "a3", "a4", "a5")) {
            vectors.with(anchor, 1, 0);
        }
        return vectors
                .with("p1", 2, 0).with("n1", 0, 1)
                .with("p2", 1, 0.1f).with("n2", 5, 5)
                .with("p3", 0, 2).with("n3", 0, 2)
                .with("p4", 3, 0).with("n4", 1, 1.5f).with("n4b", -1, 0)
                .with("p5", 2.5f, 0.9f).with("n5", 1, -2);
    }

    @Test
    void outcomesListEachCosineComparisonInTripletAndNegativeOrder() {
        // From the table: cosine wins r1 Y, r2 Y, r3 N (tie), r4 Y, r4b Y, r5 Y.
        boolean[] outcomes = new TripletEvaluator(TRIPLETS).outcomes(vectors());

        assertThat(outcomes).containsExactly(true, true, false, true, true, true);
    }

    @Test
    void itemizedResultHasTheSameMetricsAndItemsWhoseMeanIsTheCosineAccuracy() {
        TripletEvaluator evaluator = new TripletEvaluator(TRIPLETS);
        ItemizedResult itemized = evaluator.evaluateItemized(vectors());

        assertThat(itemized.result()).isEqualTo(evaluator.evaluate(vectors()));
        assertThat(itemized.items()).containsOnlyKeys(Metrics.TRIPLET_COSINE_ACCURACY);
        assertThat(itemized.items().get(Metrics.TRIPLET_COSINE_ACCURACY)).containsExactly(1, 1, 0, 1, 1, 1);
    }

    @Test
    void accuracyPerSimilarityCountsEachNegativeAsOneComparison() {
        TripletEvaluator evaluator = new TripletEvaluator(TRIPLETS);
        EvaluationResult result = evaluator.evaluate(vectors());

        assertThat(evaluator.comparisons()).isEqualTo(6);
        assertThat(result.evaluator()).isEqualTo("triplet");
        assertThat(result.metrics().keySet()).containsExactlyElementsOf(Metrics.TRIPLET);
        assertThat(result.metric(Metrics.TRIPLET_COSINE_ACCURACY)).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(result.metric(Metrics.TRIPLET_DOT_ACCURACY)).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(result.metric(Metrics.TRIPLET_EUCLIDEAN_ACCURACY)).isCloseTo(3.0 / 6, within(1e-12));
        assertThat(result.metric(Metrics.TRIPLET_MANHATTAN_ACCURACY)).isCloseTo(2.0 / 6, within(1e-12));
    }

    @Test
    void equalDistancesCountAsWrong() {
        FixedVectors same = new FixedVectors().with("a", 1, 2).with("p", 3, 4).with("n", 3, 4);
        EvaluationResult result = new TripletEvaluator(List.of(new Triplet("a", "p", "n"))).evaluate(same);
        assertThat(result.metrics().values()).containsOnly(0.0);
    }

    @Test
    void eachDistinctTextIsEmbeddedOnceInBatchesOfTheGivenSize() {
        List<Triplet> repeated = List.of(
                new Triplet("q", "yes", "no"),
                new Triplet("q", "yes", List.of("no", "maybe")),
                new Triplet("other", "no", "yes"));
        FixedVectors vectors = new FixedVectors()
                .with("q", 1, 0).with("other", 0, 1).with("yes", 1, 1).with("no", -1, 0).with("maybe", 0, -1);

        new TripletEvaluator("dev", repeated, 2).evaluate(vectors);

        assertThat(vectors.embeddedTexts()).containsExactly("q", "yes", "no", "maybe", "other");
        assertThat(vectors.batches()).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
    }

    @Test
    void resultCarriesTheGivenName() {
        assertThat(new TripletEvaluator("all-nli-dev", TRIPLETS, 8).evaluate(vectors()).evaluator())
                .isEqualTo("all-nli-dev");
    }

    @Test
    void noTripletsIsAnError() {
        assertThatThrownBy(() -> new TripletEvaluator(List.of()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("triplet evaluator 'triplet': expected at least one triplet, found none");
    }

    @Test
    void nonFiniteEmbeddingNamesTheText() {
        FixedVectors diverged = new FixedVectors().with("a", 1, 0).with("p", Float.NaN, 0).with("n", 0, 1);
        assertThatThrownBy(() -> new TripletEvaluator(List.of(new Triplet("a", "p", "n"))).evaluate(diverged))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("NaN at position 0 of the embedding of 'p'");
    }

    @Test
    void embedderReturningTooFewRowsIsABug() {
        assertThatThrownBy(() -> new TripletEvaluator(TRIPLETS).evaluate(texts -> new float[1][2]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned 1 rows for a batch of");
    }

    @Test
    void embedderChangingDimensionIsABug() {
        FixedVectors ragged = new FixedVectors().with("a", 1, 0).with("p", 1, 0, 0).with("n", 0, 1);
        assertThatThrownBy(() -> new TripletEvaluator(List.of(new Triplet("a", "p", "n"))).evaluate(ragged))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row of length 3 where 2 was expected, for text 'p'");
    }
}
