package dev.contrastive4j.spi;

import ai.djl.ndarray.NDArray;

/**
 * The simple loss contract: embeddings in, scalar loss out.
 *
 * <p>The trainer embeds the batch's text columns with a graph, calls {@link #compute}, multiplies the result
 * by the loss's weight and runs backward. Build the result only from NDArray operations on the given
 * embeddings (no {@code toFloatArray()} round trips), so that gradients flow back to the encoder.
 */
public non-sealed interface EmbeddingLoss extends Loss {

    /**
     * Computes the loss of one batch.
     *
     * @param batch the embedded columns, in a format this loss's descriptor accepts
     * @return a scalar NDArray (shape {@code ()}), unweighted
     */
    NDArray compute(EmbeddedBatch batch);
}
