package dev.contrastive4j.spi;

import java.util.List;

/**
 * Turns data of one format into another, at two levels that must agree:
 * <ul>
 *   <li>rows of text ({@link #convert(Example)}), for writing converted files and for reading data;</li>
 *   <li>embedded columns ({@link #convert(EmbeddedBatch)}), so that in a weighted combination the texts are
 *       embedded once and a pair loss receives, say, (anchor, positive) and (anchor, negative) embeddings
 *       without any text being embedded twice.</li>
 * </ul>
 * Embedding {@code convert(row)} row by row must give the same rows, in the same order, as
 * {@code convert(embedded batch)} gives for the batch of those rows.
 */
public interface Converter {

    /**
     * Converts one row.
     *
     * @param row a row of the source format
     * @return zero or more rows of the target format
     */
    List<Example> convert(Example row);

    /**
     * Converts embedded columns. The result's arrays are built from the input's arrays by NDArray operations
     * (concatenation, indexing), so that gradients flow through them.
     *
     * @param batch embedded columns of the source format
     * @return embedded columns of the target format, rows in the order {@link #convert(Example)} gives them
     */
    EmbeddedBatch convert(EmbeddedBatch batch);
}
