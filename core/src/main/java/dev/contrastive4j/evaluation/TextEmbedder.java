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

    /**
     * This embedder with every embedding cut to its first {@code dimension} components, as sentence-transformers'
     * {@code truncate_dim} does: no normalisation (evaluators that need it normalise themselves), so a
     * Matryoshka-trained model and any other model are measured the same way at a smaller size.
     *
     * @param dimension how many leading components to keep, at least 1
     * @return the truncating embedder
     * @throws IllegalArgumentException when called with a dimension below 1, or, when embedding, if an embedding
     *     is shorter than {@code dimension}
     */
    default TextEmbedder truncatedTo(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("a truncated embedding keeps at least 1 component, got " + dimension);
        }
        return texts -> {
            float[][] full = embed(texts);
            float[][] truncated = new float[full.length][];
            for (int i = 0; i < full.length; i++) {
                if (full[i].length < dimension) {
                    throw new IllegalArgumentException("cannot truncate embeddings of dimension " + full[i].length
                            + " to " + dimension);
                }
                truncated[i] = java.util.Arrays.copyOf(full[i], dimension);
            }
            return truncated;
        };
    }
}
