package dev.contrastive4j.spi;

import java.util.List;

/**
 * A model used for inference only, next to the one being trained: GISTEmbed's guide, MarginMSE's teacher. It has
 * its own tokenizer and token limit, applies no dropout, records no graph, and a backward pass never reaches its
 * weights. Obtain one from {@link FrozenModels}; do not close it, the installation owns it.
 *
 * @since 1.2
 */
public interface FrozenModel {

    /**
     * Embeds texts without a graph.
     *
     * @param texts the texts to embed
     * @param batchSize texts per forward pass (bounds memory, not the result)
     * @return one embedding row per text, in the order of {@code texts}
     */
    float[][] encode(List<String> texts, int batchSize);
}
