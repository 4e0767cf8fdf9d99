package dev.contrastive4j.losses.ranking;

import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.GradCache;
import dev.contrastive4j.spi.LossContext;
import java.util.Objects;

/**
 * CachedMultipleNegativesRankingLoss (CMNRL): {@link MultipleNegativesRankingLoss} with gradient caching
 * (GradCache), so that the batch can be far larger than what fits in memory with a full autograd graph.
 *
 * <p>The loss and the parameter gradients are those of MNRL on the same batch with the same dropout masks;
 * only the memory differs. MNRL's in-batch negatives couple every row with every other, so the batch cannot
 * simply be split. GradCache splits the work instead, in three passes:
 * <ol>
 *   <li>embed every column in mini-batches without a graph ({@link Embedder#embedDetached}), each
 *       mini-batch with its own dropout seed derived from the step seed;</li>
 *   <li>compute MNRL on leaf copies of those embeddings and back-propagate to them, which yields
 *       {@code G = ∂L/∂E} (the copies are cut off from the model, so no parameter gradient changes);</li>
 *   <li>embed each mini-batch again, now with a graph and the same seed (hence the same dropout masks and the
 *       same embeddings), and back-propagate the surrogate {@code weight × Σ E_b ⊙ G_b}, then free it.</li>
 * </ol>
 * Peak memory is the graph of one mini-batch plus the batch's embeddings and their gradients; the price is
 * one extra forward pass without a graph.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code scale} (number, {@code > 0}, default 20), {@code similarity} ({@code cosine} | {@code dot},
 *       default {@code cosine}), {@code symmetric} (boolean, default false): as for {@code mnrl}.</li>
 *   <li>{@code mini_batch_size} (integer, {@code >= 1}, default 32): rows per forward pass. Smaller uses less
 *       memory and runs somewhat slower; it does not change the loss or the gradients.</li>
 * </ul>
 *
 * <h2>References</h2>
 * <ul>
 *   <li>Gao, Zhang, Han, Callan, 2021, "Scaling Deep Contrastive Learning Batch Size under Memory Limited
 *       Setup", <a href="https://arxiv.org/abs/2101.06983">arXiv:2101.06983</a>.</li>
 *   <li>sentence-transformers, <a href="https://sbert.net/docs/package_reference/sentence_transformer/losses.html#cachedmultiplenegativesrankingloss">
 *       CachedMultipleNegativesRankingLoss</a>.</li>
 * </ul>
 *
 * <h2>Requirements</h2>
 * As for {@code mnrl}. The encoder must honour the dropout seed: the same texts embedded twice with the
 * same seed must give the same embeddings, or the replayed gradients belong to different dropout masks.
 *
 * <h2>Inputs</h2>
 * <table>
 *   <caption>Accepted formats</caption>
 *   <tr><th>Format</th><th>Columns</th><th>Labels</th></tr>
 *   <tr><td>{@code pair}</td><td>(anchor, positive)</td><td>none</td></tr>
 *   <tr><td>{@code triplet}</td><td>(anchor, positive, negative_1, …, negative_k), any k ≥ 1</td><td>none</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * <ul>
 *   <li>Use it when the batch size you want does not fit with {@code mnrl}; otherwise {@code mnrl} is faster.</li>
 *   <li>As for every in-batch-negatives loss, use a batch sampler that keeps duplicate texts out of a batch.</li>
 * </ul>
 *
 * <h2>Related losses</h2>
 * {@code mnrl} ({@link MultipleNegativesRankingLoss}): the same objective without caching;
 * CachedGISTEmbedLoss (the {@code losses-gist} plugin): the same caching for GISTEmbed.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * c4j train --loss "cmnrl(mini_batch_size=16)" --batch-size 1024 --train data/train.jsonl
 * }</pre>
 *
 * <h2>Formula</h2>
 * With {@code E = (E_1, …, E_C)} the embedded columns (anchor, positive, negatives), θ the encoder's
 * parameters and L the MNRL loss of {@code E} (see {@link MultipleNegativesRankingLoss}):
 * <pre>
 *   E_c,b    = embedDetached(column c, mini-batch b, seed_c,b)          pass 1: no graph
 *   G        = ∂L/∂E                                                    pass 2: backward on leaf copies of E
 *   S_c,b    = weight × Σ_rows,k ( embedWithGradient(column c, mini-batch b, seed_c,b) ⊙ G_c,b )
 *   ∂S_c,b/∂θ = weight × Σ (∂E_c,b/∂θ)ᵀ G_c,b                            pass 3: one backward per mini-batch
 *   Σ_c,b ∂S_c,b/∂θ = weight × ∂L/∂θ                                    chain rule: L depends on θ only through E
 * </pre>
 * The passes and their dropout seeds are the SPI's {@link GradCache}, shared with {@code cgist}; the seeds follow
 * the rule of {@link LossContext}. The value returned is L itself, unweighted.
 */
public final class CachedMultipleNegativesRankingLoss implements EncoderLoss {

    private final MultipleNegativesRankingLoss loss;
    private final GradCache gradCache;

    /**
     * @param loss the MNRL objective to compute on the cached embeddings
     * @param miniBatchSize rows embedded per forward pass; at least 1
     */
    public CachedMultipleNegativesRankingLoss(MultipleNegativesRankingLoss loss, int miniBatchSize) {
        this.loss = Objects.requireNonNull(loss, "loss");
        this.gradCache = GradCache.withMiniBatches(miniBatchSize, "cmnrl");
    }

    /** @return the objective computed on the cached embeddings */
    public MultipleNegativesRankingLoss loss() {
        return loss;
    }

    /** @return rows embedded per forward pass */
    public int miniBatchSize() {
        return gradCache.miniBatchSize();
    }

    @Override
    public double forwardBackward(Batch batch, LossContext context, double weight) {
        if (batch.format() == DataFormat.SCORED_PAIR) {
            throw new ContrastiveException("cmnrl expects pair or triplet rows, got " + batch.format().cliName()
                    + " rows; convert them or choose a loss for scored pairs");
        }
        return gradCache.forwardBackward(batch, context, weight, loss::compute);
    }

    @Override
    public String toString() {
        return "cmnrl(scale=" + loss.scale() + ", similarity=" + loss.similarity().parameterValue()
                + ", symmetric=" + loss.symmetric() + ", mini_batch_size=" + miniBatchSize() + ")";
    }
}
