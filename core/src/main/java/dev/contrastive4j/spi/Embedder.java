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

    /** Size of one embedding. */
    int dimension();

    /** Embeds without recording a graph; returns a {@code (texts, dimension)} array attached to {@code manager}. */
    NDArray embedDetached(List<String> texts, NDManager manager, long dropoutSeed);

    /** Embeds and records the graph; returns a {@code (texts, dimension)} array attached to {@code manager}. */
    NDArray embedWithGradient(List<String> texts, NDManager manager, long dropoutSeed);
}
