package dev.contrastive4j.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The sentence encoder as a loss sees it: texts in, one embedding row per text out.
 *
 * <p>Two passes exist. {@link #embedDetached} builds no graph and keeps no activations: it is cheap in
 * memory and its result carries no gradient. {@link #embedWithGradient} records the graph so that a
 * backward pass from anything computed on the result reaches the encoder's parameters.
 *
 * <p>During training the encoder applies dropout. The {@code dropoutSeed} fixes the dropout masks of one
 * pass: the same texts embedded twice with the same seed give identical embeddings, which gradient
 * caching relies on (detached pass first, then the same mini-batch again with a graph).
 */
public interface Embedder {

    /**
     * Size of one embedding.
     *
     * @return the number of components of each embedding row
     */
    int dimension();

    /**
     * Embeds without recording a graph.
     *
     * @param texts the texts to embed
     * @param manager the manager the result is attached to
     * @param dropoutSeed fixes the dropout masks of this pass
     * @return a {@code (texts, dimension)} array that carries no gradient
     */
    NDArray embedDetached(List<String> texts, NDManager manager, long dropoutSeed);

    /**
     * Embeds and records the graph.
     *
     * @param texts the texts to embed
     * @param manager the manager the result is attached to
     * @param dropoutSeed fixes the dropout masks of this pass; equal to a detached pass's seed, equal embeddings
     * @return a {@code (texts, dimension)} array whose backward pass reaches the encoder's parameters
     */
    NDArray embedWithGradient(List<String> texts, NDManager manager, long dropoutSeed);
}
