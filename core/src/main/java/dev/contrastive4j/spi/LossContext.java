package dev.contrastive4j.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** What an {@link EncoderLoss} may use during one training step. */
public interface LossContext {

    /** The model being trained. */
    Embedder encoder();

    /** A manager that lives for this step only; arrays attached to it are freed when the step ends. */
    NDManager manager();

    /** A seed for this step; a pass that must be replayed with identical dropout derives its seed from it. */
    long stepSeed();

    /**
     * Back-propagates a scalar through the graph that produced it, adding to the parameters' gradients.
     * May be called several times within one step.
     */
    void backward(NDArray scalar);
}
