package dev.contrastive4j.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What an {@link EncoderLoss} may use during one training step.
 *
 * <h2>The dropout-seed rule</h2>
 * Every forward pass of a step passes a dropout seed derived from {@link #stepSeed()}, so that a run is
 * reproducible and a pass can be replayed with the same masks:
 * <ul>
 *   <li>a pass over the whole of column {@code c} of the batch uses {@code stepSeed() + c}: the trainer embeds the
 *       columns for the embedding losses this way, and an uncached encoder loss must do the same, so that every
 *       loss of a combination sees the masks it would see alone;</li>
 *   <li>a loss that splits a column into mini-batches (gradient caching) uses
 *       {@link GradCache#dropoutSeed GradCache.dropoutSeed(stepSeed(), c, b)} for mini-batch {@code b}: mini-batch 0
 *       keeps {@code stepSeed() + c}, so with one mini-batch per column the cached loss equals the uncached one
 *       mask for mask; later mini-batches get mixed seeds that no other pass of the step shares;</li>
 *   <li>a pass that must be replayed (detached first, then with a graph) uses the same seed both times.</li>
 * </ul>
 * {@link GradCache} follows the rule; a loss that uses it need not think about seeds.
 */
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
