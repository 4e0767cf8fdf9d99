package dev.contrastive4j.evaluation;

import java.util.List;

/**
 * A sentence encoder as an evaluator sees it: texts in, one embedding per text out, no gradients.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li>the result has exactly one row per text, in the order of {@code texts};</li>
 *   <li>every row has the same length (the embedding dimension), on every call;</li>
 *   <li>an empty list gives an empty array;</li>
 *   <li>the same text gives the same embedding whatever batch it arrives in (inference mode: no dropout).</li>
 * </ul>
 * Evaluators call it many times with batches of a size they choose, so an implementation should not
 * assume it sees a whole data set at once. Whether the embeddings are normalised is the model's business:
 * evaluators that need cosine similarity normalise themselves.
 */
@FunctionalInterface
public interface TextEmbedder {

    /**
     * Embeds a batch of texts.
     *
     * @param texts the texts to embed, possibly empty
     * @return a {@code (texts.size(), dimension)} array
     */
    float[][] embed(List<String> texts);
}
