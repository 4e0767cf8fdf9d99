package dev.contrastive4j.converters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Triplet;

/**
 * What the triplet converters share: the input checks, and the row order of the pairs they produce.
 *
 * <h2>Row order</h2>
 * A triplet {@code (q, p, n_1 … n_k)} becomes {@code k + 1} consecutive rows: {@code (q, p)} first, then
 * {@code (q, n_1)} … {@code (q, n_k)}. A batch of triplets gives triplet 0's rows, then triplet 1's, and so on
 * (row-major over the triplet's candidates). That is the only order in which converting the rows one by one
 * and converting the embedded batch can agree, as {@link dev.contrastive4j.spi.Converter} requires: a
 * row-level conversion cannot know which rows of a batch come after it.
 */
final class TripletRows {

    private TripletRows() {
    }

    /** The row as a triplet, or an error naming the converter and what it got. */
    static Triplet require(Example row, String converterName) {
        if (row instanceof Triplet triplet) {
            return triplet;
        }
        throw new ContrastiveException("converter '" + converterName + "' expected a triplet row, got a "
                + row.format().cliName() + " row");
    }

    /** Fails unless the embedded batch holds triplets (anchor, positive and at least one negative column). */
    static void require(EmbeddedBatch batch, String converterName) {
        if (batch.format() != DataFormat.TRIPLET || batch.columns().size() < 3) {
            throw new ContrastiveException("converter '" + converterName + "' expected an embedded batch of triplets,"
                    + " got " + batch.format().cliName() + " with " + batch.columns().size() + " columns");
        }
    }

    /**
     * The anchor column repeated once per candidate of its triplet, in the row order above:
     * {@code q_0 … q_0, q_1 … q_1, …}, each {@code candidates} times. Shape {@code (rows × candidates, dim)}.
     */
    static NDArray repeatedAnchors(EmbeddedBatch batch, int candidates) {
        NDArray anchors = batch.column(0);
        NDList copies = new NDList(candidates);
        for (int c = 0; c < candidates; c++) {
            copies.add(anchors);
        }
        return interleave(copies);
    }

    /**
     * The candidate columns (positive, then negatives) interleaved row by row:
     * {@code p_0, n_0,1 … n_0,k, p_1, n_1,1 …}. Shape {@code (rows × (k + 1), dim)}.
     */
    static NDArray interleavedCandidates(EmbeddedBatch batch) {
        NDList candidates = new NDList(batch.columns().size() - 1);
        for (int c = 1; c < batch.columns().size(); c++) {
            candidates.add(batch.column(c));
        }
        return interleave(candidates);
    }

    /**
     * Row {@code r} of column {@code c} goes to row {@code r × columns + c}: stacking the columns on a new
     * axis 1 and flattening the first two axes does exactly that, with gradients flowing back to each column.
     */
    private static NDArray interleave(NDList columns) {
        NDArray first = columns.get(0);
        long rows = first.getShape().get(0);
        long dimension = first.getShape().get(1);
        return NDArrays.stack(columns, 1).reshape(rows * columns.size(), dimension);
    }
}
