package dev.contrastive4j.losses.gist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.FrozenModel;
import dev.contrastive4j.spi.LossContext;
import java.util.ArrayList;
import java.util.List;
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
 * {@code seed_c,0 = stepSeed + c}, the seed {@code gist} and the trainer use for column c, so with
 * {@code mini_batch_size} at least the batch size {@code cgist} takes exactly {@code gist}'s dropout masks; later
 * mini-batches get seeds mixed from the step seed, column and index. The value returned is L, unweighted.
 */
public final class CachedGISTEmbedLoss implements EncoderLoss {

    private final GistObjective objective;
    private final GuideModel guide;
    private final int miniBatchSize;

    /**
     * @param objective temperature, margin and blocks
     * @param guideName the guide as named by the user, for messages
     * @param guide the frozen guide encoder (shared, not closed by the loss)
     * @param miniBatchSize rows per forward pass, student and guide; at least 1
     */
    public CachedGISTEmbedLoss(GistObjective objective, String guideName, FrozenModel guide, int miniBatchSize) {
        this.objective = Objects.requireNonNull(objective, "objective");
        this.guide = new GuideModel(guideName, guide);
        if (miniBatchSize < 1) {
            throw new ContrastiveException("cgist: mini_batch_size must be >= 1, got " + miniBatchSize);
        }
        this.miniBatchSize = miniBatchSize;
    }

    /** @return temperature, margin and blocks */
    public GistObjective objective() {
        return objective;
    }

    /** @return rows per forward pass */
    public int miniBatchSize() {
        return miniBatchSize;
    }

    @Override
    public double forwardBackward(Batch batch, LossContext context, double weight) {
        GISTEmbedLoss.requireRankingRows(batch, "cgist");
        GuideEmbeddings guided = guide.embed(batch, miniBatchSize);
        Embedder student = context.encoder();
        List<List<MiniBatch>> plan = plan(batch, context.stepSeed());
        try (NDManager step = context.manager().newSubManager()) {
            List<NDArray> embeddings = new ArrayList<>(plan.size());
            for (List<MiniBatch> column : plan) {
                embeddings.add(embedDetached(student, column, step));
            }
            guide.warnOnceIfStudentLooksLikeGuide(embeddings.get(0), guided);
            CachedGradients cached = lossAndGradients(embeddings, guided, context, weight, step);
            for (int c = 0; c < plan.size(); c++) {
                replayWithGradient(student, plan.get(c), cached.weightedGradients().get(c), context, step);
            }
            return cached.loss();
        }
    }

    /** One column, mini-batch by mini-batch, without a graph; the result lives in {@code step}. */
    private static NDArray embedDetached(Embedder student, List<MiniBatch> column, NDManager step) {
        try (NDManager scratch = step.newSubManager()) {
            NDList parts = new NDList(column.size());
            for (MiniBatch miniBatch : column) {
                parts.add(requireRows(student.embedDetached(miniBatch.texts(), scratch, miniBatch.seed()), miniBatch));
            }
            NDArray whole = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
            whole.attach(step);
            return whole;
        }
    }

    /** The loss on leaf copies of the embeddings and {@code weight × ∂L/∂E} per column, kept in {@code step}. */
    private CachedGradients lossAndGradients(List<NDArray> embeddings, GuideEmbeddings guided, LossContext context,
            double weight, NDManager step) {
        try (NDManager lossScope = step.newSubManager()) {
            List<NDArray> leaves = new ArrayList<>(embeddings.size());
            for (NDArray embedded : embeddings) {
                NDArray leaf;
                try (NDArray detached = embedded.stopGradient()) {
                    leaf = detached.duplicate(); // a leaf of its own graph, unconnected to the student
                }
                leaf.attach(lossScope);
                leaf.setRequiresGradient(true);
                leaves.add(leaf);
                embedded.close();
            }
            NDArray loss = objective.compute(leaves, guided);
            double value = loss.getDouble();
            context.backward(loss);
            List<NDArray> weightedGradients = new ArrayList<>(leaves.size());
            for (NDArray leaf : leaves) {
                NDArray gradient = leaf.getGradient().mul(weight);
                gradient.attach(step);
                weightedGradients.add(gradient);
            }
            return new CachedGradients(value, weightedGradients);
        }
    }

    /** Re-embeds each mini-batch of one column with its first-pass seed and pushes the cached gradient in. */
    private static void replayWithGradient(Embedder student, List<MiniBatch> column, NDArray weightedGradient,
            LossContext context, NDManager step) {
        for (MiniBatch miniBatch : column) {
            // One sub-manager per mini-batch: its graph is freed before the next one is built.
            try (NDManager scratch = step.newSubManager()) {
                NDArray embedded = requireRows(
                        student.embedWithGradient(miniBatch.texts(), scratch, miniBatch.seed()), miniBatch);
                NDArray gradient = weightedGradient.get("{}:{}", miniBatch.from(), miniBatch.to());
                gradient.attach(scratch);
                context.backward(embedded.mul(gradient).sum());
            }
        }
    }

    private List<List<MiniBatch>> plan(Batch batch, long stepSeed) {
        List<List<MiniBatch>> plan = new ArrayList<>(batch.columns().size());
        for (int c = 0; c < batch.columns().size(); c++) {
            List<String> texts = batch.column(c);
            List<MiniBatch> column = new ArrayList<>();
            for (int from = 0, index = 0; from < texts.size(); from += miniBatchSize, index++) {
                int to = Math.min(from + miniBatchSize, texts.size());
                column.add(new MiniBatch(texts.subList(from, to), from, to, seed(stepSeed, c, index)));
            }
            plan.add(column);
        }
        return plan;
    }

    /**
     * The first mini-batch of column c takes {@code stepSeed + c}, like {@code gist}; the others a seed mixed from
     * the step seed, column and index (SplitMix64's finaliser), so that no two passes of a step share masks.
     */
    static long seed(long stepSeed, int column, int miniBatch) {
        if (miniBatch == 0) {
            return stepSeed + column;
        }
        long z = stepSeed ^ (0x9E3779B97F4A7C15L * (((long) column << 32) | miniBatch));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static NDArray requireRows(NDArray embedded, MiniBatch miniBatch) {
        long rows = embedded.getShape().get(0);
        if (rows != miniBatch.texts().size()) {
            throw new IllegalStateException("cgist: the student returned " + rows + " rows for "
                    + miniBatch.texts().size() + " texts");
        }
        return embedded;
    }

    @Override
    public String toString() {
        return "cgist(guide=" + guide.name() + ", " + objective + ", mini_batch_size=" + miniBatchSize + ")";
    }

    /** The unweighted loss and, per column, {@code weight × ∂L/∂E_c}. */
    private record CachedGradients(double loss, List<NDArray> weightedGradients) {
    }

    /** Rows {@code [from, to)} of one column and the dropout seed of both of its forward passes. */
    private record MiniBatch(List<String> texts, int from, int to, long seed) {
    }
}
