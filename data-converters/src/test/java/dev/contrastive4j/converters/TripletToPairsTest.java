package dev.contrastive4j.converters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TripletToPairsTest {

    private final TripletToPairs converter = new TripletToPairs();

    @Test
    void aTripletBecomesItsAnchorAndPositive() {
        assertThat(converter.convert(new Triplet("q", "p", List.of("n1", "n2")))).containsExactly(new Pair("q", "p"));
    }

    @Test
    void theEmbeddedConversionKeepsTheAnchorAndPositiveColumnsAsTheyAre() {
        List<Triplet> triplets = List.of(new Triplet("q0", "p0", "n0"), new Triplet("q1", "p1", "n1"));
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            EmbeddedBatch embedded = FakeEmbeddings.embed(Batch.of(triplets), manager);

            EmbeddedBatch pairs = converter.convert(embedded);

            assertThat(pairs.format()).isEqualTo(DataFormat.PAIR);
            assertThat(pairs.columns()).containsExactly(embedded.column(0), embedded.column(1));
            assertThat(pairs.scores()).isNull();
            for (int r = 0; r < triplets.size(); r++) {
                Pair pair = (Pair) converter.convert(triplets.get(r)).get(0);
                assertThat(FakeEmbeddings.row(pairs.column(0), r)).containsExactly(FakeEmbeddings.of(pair.anchor()));
                assertThat(FakeEmbeddings.row(pairs.column(1), r)).containsExactly(FakeEmbeddings.of(pair.positive()));
            }
        }
    }

    @Test
    void aRowThatIsNotATripletIsRejected() {
        assertThatThrownBy(() -> converter.convert(new ScoredPair("a", "b", 0.5)))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("converter 'triplet-to-pairs' expected a triplet row, got a scored-pair row");
    }
}
