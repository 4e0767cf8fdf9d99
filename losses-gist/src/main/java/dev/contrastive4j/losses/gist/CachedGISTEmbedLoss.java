package dev.contrastive4j.losses.gist;

import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.FrozenModel;
import dev.contrastive4j.spi.GradCache;
import dev.contrastive4j.spi.LossContext;
import java.util.Objects;

/**
 * CachedGISTEmbedLoss: {@link GISTEmbedLoss} with gradient caching (GradCache), so that the batch can be far
 * larger than what fits in memory with a full autograd graph. The loss and the parameter gradients are
 * GISTEmbedLoss's on the same batch with the same dropout masks; only the memory differs.
 *
 * <p>GIST couples every row with every other through the softmax, so the batch cannot simply be split. The work
 * is split instead:
 * <ol>
 *   <li>the guide embeds the batch's texts, {@code mini_batch_size} at a time, without a graph;</li>
 *   <li>the student embeds every column in mini-batches without a graph ({@link Embedder#embedDetached}), each
 *       mini-batch with its own dropout seed;</li>
 *   <li>the GIST loss is computed on leaf copies of those embeddings and back-propagated to them, which yields
 *       {@code G = ∂L/∂E} and touches no parameter;</li>
 *   <li>each mini-batch is embedded again, with a graph and the same seed (hence the same dropout masks and the
 *       same embeddings), and the surrogate {@code weight × Σ E_b ⊙ G_b} is back-propagated, then freed.</li>
 * </ol>
 * Peak memory is the graph of one student mini-batch (or the guide's activations for one mini-batch) plus the
 * batch's embeddings and their gradients; it grows with the mini-batch, not the batch. The price is one extra
 * student forward pass without a graph.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code guide}, {@code temperature}, {@code margin_strategy}, {@code margin}, {@code contrast_anchors},
 *       {@code contrast_positives}: as for {@code gist}.</li>
 *   <li>{@code mini_batch_size} (integer, {@code >= 1}, default 32): rows per forward pass, for the student and
 *       the guide alike. Smaller uses less memory and runs somewhat slower; it does not change the loss or the
 *       gradients.</li>
 * </ul>
 *
 * <h2>References</h2>
 * <ul>
 *   <li>Solatorio, 2024, "GISTEmbed: Guided In-sample Selection of Training Negatives for Text Embedding
 *       Fine-tuning", <a href="https://arxiv.org/abs/2402.16829">arXiv:2402.16829</a>.</li>
 *   <li>Gao, Zhang, Han, Callan, 2021, "Scaling Deep Contrastive Learning Batch Size under Memory Limited
 *       Setup", <a href="https://arxiv.org/abs/2101.06983">arXiv:2101.06983</a>.</li>
 *   <li>sentence-transformers, <a href="https://sbert.net/docs/package_reference/sentence_transformer/losses.html#cachedgistembedloss">
 *       CachedGISTEmbedLoss</a>.</li>
 * </ul>
 *
 * <h2>Requirements</h2>
 * As for {@code gist}. The student must honour the dropout seed: the same texts embedded twice with the same
 * seed must give the same embeddings, or the replayed gradients belong to other dropout masks.
 *
 * <h2>Inputs</h2>
 * <table>
 *   <caption>Accepted formats</caption>
 *   <tr><th>Format</th><th>Columns</th><th>Labels</th></tr>
 *   <tr><td>{@code triplet}</td><td>(anchor, positive, negative_1, …, negative_k), any k ≥ 1</td><td>none</td></tr>
 *   <tr><td>{@code pair}</td><td>(anchor, positive)</td><td>none</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * <ul>
 *   <li>Use it when the batch you want does not fit with {@code gist}; otherwise {@code gist} is faster.</li>
 *   <li>As for every in-batch-negatives loss, keep duplicate texts out of a batch.</li>
 * </ul>
 *
 * <h2>Related losses</h2>
 * {@code gist} ({@link GISTEmbedLoss}): the same objective without caching; {@code cmnrl}
 * (CachedMultipleNegativesRankingLoss, the {@code losses-ranking} plugin): the same caching without a guide.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * c4j train --model minilm --loss "cgist(mini_batch_size=16)" --batch-size 512 --train data/train.jsonl
 * }</pre>
 *
 * <h2>Formula</h2>
 * With {@code E = (E_1, …, E_C)} the student's embedded columns, {@code G_guide} the guide's, θ the student's
 * parameters and L the GIST loss of {@link GISTEmbedLoss}:
 * <pre>
 *   E_c,b     = embedDetached(column c, mini-batch b, seed_c,b)          no graph
 *   G         = ∂L(E, G_guide)/∂E                                       backward on leaf copies of E
 *   S_c,b     = weight × Σ ( embedWithGradient(column c, mini-batch b, seed_c,b) ⊙ G_c,b )
 *   Σ_c,b ∂S_c,b/∂θ = weight × ∂L/∂θ                                    L depends on θ only through E
 * </pre>
 * The passes and their seeds are the SPI's {@link GradCache}, shared with {@code cmnrl}. By the seed rule of
 * {@link LossContext}, {@code seed_c,0 = stepSeed + c}, the seed {@code gist} and the trainer use for column c, so
 * with {@code mini_batch_size} at least the batch size {@code cgist} takes exactly {@code gist}'s dropout masks;
 * later mini-batches get seeds mixed from the step seed, column and index. The value returned is L, unweighted.
 */
public final class CachedGISTEmbedLoss implements EncoderLoss {

    private final GistObjective objective;
    private final GuideModel guide;
    private final GradCache gradCache;

    /**
     * @param objective temperature, margin and blocks
     * @param guideName the guide as named by the user, for messages
     * @param guide the frozen guide encoder (shared, not closed by the loss)
     * @param miniBatchSize rows per forward pass, student and guide; at least 1
     */
    public CachedGISTEmbedLoss(GistObjective objective, String guideName, FrozenModel guide, int miniBatchSize) {
        this.objective = Objects.requireNonNull(objective, "objective");
        this.guide = new GuideModel(guideName, guide);
        this.gradCache = GradCache.withMiniBatches(miniBatchSize, "cgist");
    }

    /** @return temperature, margin and blocks */
    public GistObjective objective() {
        return objective;
    }

    /** @return rows per forward pass */
    public int miniBatchSize() {
        return gradCache.miniBatchSize();
    }

    @Override
    public double forwardBackward(Batch batch, LossContext context, double weight) {
        GISTEmbedLoss.requireRankingRows(batch, "cgist");
        GuideEmbeddings guided = guide.embed(batch, miniBatchSize());
        return gradCache.forwardBackward(batch, context, weight, columns -> {
            guide.warnOnceIfStudentLooksLikeGuide(columns.get(0), guided);
            return objective.compute(columns, guided);
        });
    }

    @Override
    public String toString() {
        return "cgist(guide=" + guide.name() + ", " + objective + ", mini_batch_size=" + miniBatchSize() + ")";
    }
}
