package dev.contrastive4j.converters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ParameterValues;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TripletToScoredPairsTest {

    private static final List<Triplet> TRIPLETS = List.of(
            new Triplet("q0", "p0", List.of("n0a", "n0b")),
            new Triplet("q1", "p1", List.of("n1a", "n1b")),
            new Triplet("q2", "p2", List.of("n2a", "n2b")));

    private final TripletToScoredPairs converter = new TripletToScoredPairs(1.0, 0.0);

    @Test
    void aTripletBecomesItsPositivePairThenOnePairPerNegative() {
        assertThat(converter.convert(new Triplet("q", "p", List.of("n1", "n2")))).containsExactly(
                new ScoredPair("q", "p", 1.0),
                new ScoredPair("q", "n1", 0.0),
                new ScoredPair("q", "n2", 0.0));
    }

    @Test
    void aTeachersMarginsOnTheTripletAreIgnored() {
        Triplet withMargins = new Triplet("q", "p", List.of("n1", "n2"), List.of(7.5, -3.0));

        assertThat(converter.convert(withMargins)).containsExactly(
                new ScoredPair("q", "p", 1.0), new ScoredPair("q", "n1", 0.0), new ScoredPair("q", "n2", 0.0));
        assertThat(new TripletToPairs().convert(withMargins)).containsExactly(new Pair("q", "p"));
    }

    @Test
    void theScoresAreParameters() {
        TripletToScoredPairsFactory factory = new TripletToScoredPairsFactory();
        ParameterValues values = ParameterValues.of(factory.descriptor().parameters(),
                Map.of("positive_score", 0.9, "negative_score", 0.2));

        assertThat(factory.create(values).convert(new Triplet("q", "p", "n"))).containsExactly(
                new ScoredPair("q", "p", 0.9), new ScoredPair("q", "n", 0.2));
        assertThat(factory.create(ParameterValues.defaults(factory.descriptor().parameters())).convert(
                new Triplet("q", "p", "n"))).containsExactly(new ScoredPair("q", "p", 1.0), new ScoredPair("q", "n", 0.0));
    }

    @Test
    void scoresOutsideZeroToOneAreRejectedByTheParameterSpecs() {
        var positive = new TripletToScoredPairsFactory().descriptor().parameters().get(0);

        assertThat(positive.name()).isEqualTo("positive_score");
        assertThatThrownBy(() -> positive.parse("1.5")).hasMessage("must be <= 1, got 1.5");
        assertThatThrownBy(() -> new TripletToScoredPairs(1.0, -0.1)).isInstanceOf(ContrastiveException.class)
                .hasMessage("converter 'triplet-to-scored-pairs': negative_score must be in [0, 1], got -0.1");
    }

    @Test
    void thePositiveScoreMustBeAboveTheNegativeScore() {
        assertThatThrownBy(() -> new TripletToScoredPairs(0.3, 0.3)).isInstanceOf(ContrastiveException.class)
                .hasMessage("converter 'triplet-to-scored-pairs': positive_score (0.3) must be greater than"
                        + " negative_score (0.3), or the pairs would teach that negatives match better");
    }

    @Test
    void aRowThatIsNotATripletIsRejected() {
        assertThatThrownBy(() -> converter.convert(new Pair("q", "p"))).isInstanceOf(ContrastiveException.class)
                .hasMessage("converter 'triplet-to-scored-pairs' expected a triplet row, got a pair row");
    }

    @Test
    void theEmbeddedConversionGivesTheRowsOfTheTextConversionInTheSameOrder() {
        List<Example> rows = new ArrayList<>();
        TRIPLETS.forEach(triplet -> rows.addAll(converter.convert(triplet)));
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            EmbeddedBatch converted = converter.convert(FakeEmbeddings.embed(Batch.of(TRIPLETS), manager));

            assertThat(converted.format()).isEqualTo(DataFormat.SCORED_PAIR);
            assertThat(converted.size()).isEqualTo(9);
            float[] scores = converted.scores().toFloatArray();
            for (int i = 0; i < rows.size(); i++) {
                ScoredPair pair = (ScoredPair) rows.get(i);
                assertThat(FakeEmbeddings.row(converted.column(0), i)).as("sentence1 of row %d", i)
                        .containsExactly(FakeEmbeddings.of(pair.sentence1()));
                assertThat(FakeEmbeddings.row(converted.column(1), i)).as("sentence2 of row %d", i)
                        .containsExactly(FakeEmbeddings.of(pair.sentence2()));
                assertThat((double) scores[i]).as("score of row %d", i).isEqualTo(pair.score());
            }
        }
    }

    @Test
    void gradientsFlowBackToEveryTripletColumn() {
        // Weight converted row i by (i + 1) in sentence1 and by 100 (i + 1) in sentence2. Triplet r's rows are
        // 3r, 3r + 1, 3r + 2 (positive, negative a, negative b), so every component of anchor r gets
        // (3r + 1) + (3r + 2) + (3r + 3) = 9r + 6, positive r gets 100 (3r + 1) and negative j of r 100 (3r + 2 + j).
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            EmbeddedBatch triplets = FakeEmbeddings.embed(Batch.of(TRIPLETS), manager);
            try (GradientCollector collector = engine.newGradientCollector()) {
                EmbeddedBatch pairs = converter.convert(triplets);
                NDArray weights = manager.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
                NDArray rowSums1 = pairs.column(0).sum(new int[] {1});
                NDArray rowSums2 = pairs.column(1).sum(new int[] {1});
                collector.backward(rowSums1.mul(weights).sum().add(rowSums2.mul(weights).mul(100).sum()));
            }
            for (int r = 0; r < 3; r++) {
                assertThat(FakeEmbeddings.row(triplets.column(0).getGradient(), r)).containsOnly(9.0 * r + 6);
                assertThat(FakeEmbeddings.row(triplets.column(1).getGradient(), r)).containsOnly(100.0 * (3 * r + 1));
                for (int j = 0; j < 2; j++) {
                    assertThat(FakeEmbeddings.row(triplets.column(2 + j).getGradient(), r))
                            .containsOnly(100.0 * (3 * r + 2 + j));
                }
            }
        }
    }

    @Test
    void anEmbeddedBatchThatIsNotTripletsIsRejected() {
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            EmbeddedBatch pairs = FakeEmbeddings.embed(Batch.of(List.of(new Pair("q", "p"))), manager);

            assertThatThrownBy(() -> converter.convert(pairs)).isInstanceOf(ContrastiveException.class)
                    .hasMessage("converter 'triplet-to-scored-pairs' expected an embedded batch of triplets,"
                            + " got pair with 2 columns");
        }
    }
}
