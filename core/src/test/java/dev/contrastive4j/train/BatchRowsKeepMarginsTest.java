package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Triplet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch taken back to rows (for a text-level converter) gives the rows it was made of, margins included. */
class BatchRowsKeepMarginsTest {

    @Test
    void rowsOfABatchAreTheTripletsWithTheirMargins() {
        List<Example> triplets = List.of(
                new Triplet("q1", "p1", List.of("a1", "b1"), List.of(1.5, -2.0)),
                new Triplet("q2", "p2", List.of("a2", "b2"), List.of(0.25, 8.0)));
        List<Example> plain = List.of(new Triplet("q", "p", List.of("a", "b")));

        assertThat(LossCombination.rows(Batch.of(triplets))).isEqualTo(triplets);
        assertThat(LossCombination.rows(Batch.of(plain))).isEqualTo(plain);
    }
}
