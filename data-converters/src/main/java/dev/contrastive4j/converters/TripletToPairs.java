package dev.contrastive4j.converters;

import dev.contrastive4j.spi.Converter;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.Triplet;
import java.util.List;

/**
 * Turns each triplet {@code (q, p, n_1 … n_k)} into the pair {@code (q, p)}: the negatives are dropped. Losses
 * with in-batch negatives (MNRL) still see the other rows' positives as negatives, but lose the hard ones.
 *
 * <p>On embedded columns it keeps the anchor and positive arrays as they are: one row in, one row out.
 */
public final class TripletToPairs implements Converter {

    /** The converter's name. */
    public static final String NAME = "triplet-to-pairs";

    @Override
    public List<Example> convert(Example row) {
        Triplet triplet = TripletRows.require(row, NAME);
        return List.of(new Pair(triplet.anchor(), triplet.positive()));
    }

    @Override
    public EmbeddedBatch convert(EmbeddedBatch batch) {
        TripletRows.require(batch, NAME);
        return new EmbeddedBatch(DataFormat.PAIR, List.of(batch.column(0), batch.column(1)), null);
    }
}
