package dev.contrastive4j.spi;

/**
 * A training objective. Implement one of the two contracts, not this interface:
 * <ul>
 *   <li>{@link EmbeddingLoss}: embeddings in, scalar out. The trainer embeds every column once (shared by
 *       every such loss in a weighted combination) and runs backward for you. Most losses are this.</li>
 *   <li>{@link EncoderLoss}: the loss receives the encoder and the text batch and runs its own forward and
 *       backward passes, for gradient caching (CachedMNRL) or anything else that must control how and when
 *       texts are embedded.</li>
 * </ul>
 */
public sealed interface Loss permits EmbeddingLoss, EncoderLoss {
}
