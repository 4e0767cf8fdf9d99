package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.Embedder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the trainer needs from a model: the {@link Embedder} the losses use, its trainable parameters by a
 * stable name, an inference path for evaluation, and a way to save the result.
 */
public interface TrainableModel extends Embedder {

    /**
     * The trainable parameter arrays in a fixed order, keyed by stable names (Hugging Face names for BERT).
     * They are leaves of the autograd graph with gradients attached; the optimizer updates them in place.
     */
    Map<String, NDArray> trainableParameters();

    /** Inference embeddings (no dropout, no graph), one row per text, in input order. */
    float[][] encode(List<String> texts);

    /** Saves the model so that it can be loaded again (the sentence-transformers layout for BERT). */
    void save(Path folder) throws IOException;
}
