package dev.contrastive4j.spi;

import java.util.List;

/** One row of data in one of the canonical {@link DataFormat}s. Implementations are immutable records. */
public sealed interface Example permits Triplet, Pair, ScoredPair {

    /**
     * The format this row belongs to.
     *
     * @return the row's format
     */
    DataFormat format();

    /**
     * Every text of the row.
     *
     * @return the texts in column order (anchor, positive, negatives… or sentence1, sentence2)
     */
    List<String> texts();
}
