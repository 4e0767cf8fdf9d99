package dev.contrastive4j.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** What an {@link EncoderLoss} may use during one training step. */
public interface LossContext {

    /**
     * The model being trained.
     *
     * @return the encoder, to embed texts with or without a graph
     */
    Embedder encoder();

    /**
     * A manager that lives for this step only.
     *
     * @return a manager whose arrays are freed when the step ends
     */
    NDManager manager();

    /**
     * A seed for this step.
     *
     * @return the seed from which a pass that must be replayed with identical dropout derives its own
     */
    long stepSeed();

    /**
     * Back-propagates a scalar through the graph that produced it, adding to the parameters' gradients.
     * May be called several times within one step.
     *
     * @param scalar a shape {@code ()} array computed, with a graph, from embeddings of {@link #encoder()}
     */
    void backward(NDArray scalar);
}
