package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.LossContext;
import java.util.ArrayList;
import java.util.List;
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
 * The value returned is L itself, unweighted.
 */
public final class CachedMultipleNegativesRankingLoss implements EncoderLoss {

    private final MultipleNegativesRankingLoss loss;
    private final int miniBatchSize;

    /**
     * @param loss the MNRL objective to compute on the cached embeddings
     * @param miniBatchSize rows embedded per forward pass; at least 1
     */
    public CachedMultipleNegativesRankingLoss(MultipleNegativesRankingLoss loss, int miniBatchSize) {
        this.loss = Objects.requireNonNull(loss, "loss");
        if (miniBatchSize < 1) {
            throw new ContrastiveException("cmnrl: mini_batch_size must be >= 1, got " + miniBatchSize);
        }
        this.miniBatchSize = miniBatchSize;
    }

    /** @return the objective computed on the cached embeddings */
    public MultipleNegativesRankingLoss loss() {
        return loss;
    }

    /** @return rows embedded per forward pass */
    public int miniBatchSize() {
        return miniBatchSize;
    }

    @Override
    public double forwardBackward(Batch batch, LossContext context, double weight) {
        if (batch.format() == DataFormat.SCORED_PAIR) {
            throw new ContrastiveException("cmnrl expects pair or triplet rows, got " + batch.format().cliName()
                    + " rows; convert them or choose a loss for scored pairs");
        }
        Embedder encoder = context.encoder();
        List<List<MiniBatch>> plan = plan(batch, context.stepSeed());
        try (NDManager step = context.manager().newSubManager()) {
            List<NDArray> embeddings = new ArrayList<>(plan.size());
            for (List<MiniBatch> column : plan) {
                embeddings.add(embedDetached(encoder, column, step));
            }
            CachedGradients cached = lossAndGradients(embeddings, context, weight, step);
            for (int c = 0; c < plan.size(); c++) {
                replayWithGradient(encoder, plan.get(c), cached.weightedGradients().get(c), context, step);
            }
            return cached.loss();
        }
    }

    /** Pass 1: one column, mini-batch by mini-batch, without a graph; the result lives in {@code step}. */
    private static NDArray embedDetached(Embedder encoder, List<MiniBatch> column, NDManager step) {
        try (NDManager scratch = step.newSubManager()) {
            NDList parts = new NDList(column.size());
            for (MiniBatch miniBatch : column) {
                NDArray part = encoder.embedDetached(miniBatch.texts(), scratch, miniBatch.seed());
                requireRows(part, miniBatch, "embedDetached");
                parts.add(part);
            }
            NDArray whole = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
            whole.attach(step);
            return whole;
        }
    }

    /**
     * Pass 2: the loss on leaf copies of the embeddings and {@code weight × ∂L/∂E} per column, in {@code step}.
     * The detached embeddings are released once copied: from here on only their gradients are needed.
     */
    private CachedGradients lossAndGradients(List<NDArray> embeddings, LossContext context, double weight,
            NDManager step) {
        try (NDManager lossScope = step.newSubManager()) {
            List<NDArray> leaves = new ArrayList<>(embeddings.size());
            for (NDArray embedded : embeddings) {
                leaves.add(leafCopy(embedded, lossScope));
                embedded.close();
            }
            NDArray result = loss.compute(leaves);
            double value = result.toType(DataType.FLOAT64, false).getDouble();
            context.backward(result);
            List<NDArray> weightedGradients = new ArrayList<>(leaves.size());
            for (NDArray leaf : leaves) {
                // Scaling G here, on a matrix, keeps the surrogate in the embeddings' precision.
                NDArray gradient = leaf.getGradient().mul(weight);
                gradient.attach(step);
                weightedGradients.add(gradient);
            }
            return new CachedGradients(value, weightedGradients);
        }
    }

    /** A fresh copy that requires a gradient: a leaf of its own graph, unconnected to the encoder. */
    private static NDArray leafCopy(NDArray embedded, NDManager manager) {
        NDArray copy;
        try (NDArray detached = embedded.stopGradient()) {
            copy = detached.duplicate();
        }
        copy.attach(manager);
        copy.setRequiresGradient(true);
        return copy;
    }

    /** Pass 3: re-embeds each mini-batch of one column with its pass-1 seed and pushes the cached gradient in. */
    private static void replayWithGradient(Embedder encoder, List<MiniBatch> column, NDArray weightedGradient,
            LossContext context, NDManager step) {
        for (MiniBatch miniBatch : column) {
            // One sub-manager per mini-batch: its graph and activations are freed before the next one exists.
            try (NDManager scratch = step.newSubManager()) {
                NDArray embedded = encoder.embedWithGradient(miniBatch.texts(), scratch, miniBatch.seed());
                requireRows(embedded, miniBatch, "embedWithGradient");
                NDArray gradient = weightedGradient.get("{}:{}", miniBatch.from(), miniBatch.to());
                gradient.attach(scratch);
                context.backward(embedded.mul(gradient).sum());
            }
        }
    }

    /** Splits every column into mini-batches and gives each its own dropout seed. */
    private List<List<MiniBatch>> plan(Batch batch, long stepSeed) {
        List<List<MiniBatch>> plan = new ArrayList<>(batch.columns().size());
        for (int c = 0; c < batch.columns().size(); c++) {
            List<String> texts = batch.column(c);
            List<MiniBatch> column = new ArrayList<>();
            for (int from = 0, index = 0; from < texts.size(); from += miniBatchSize, index++) {
                int to = Math.min(from + miniBatchSize, texts.size());
                column.add(new MiniBatch(texts.subList(from, to), from, to, miniBatchSeed(stepSeed, c, index)));
            }
            plan.add(column);
        }
        return plan;
    }

    /**
     * A seed per (column, mini-batch), so that no two forward passes of a step share dropout masks, mixed
     * with SplitMix64's finaliser so that neighbouring steps do not give overlapping seed sequences.
     */
    private static long miniBatchSeed(long stepSeed, int column, int miniBatch) {
        long z = stepSeed + 0x9E3779B97F4A7C15L * (((long) column << 32 | miniBatch) + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void requireRows(NDArray embedded, MiniBatch miniBatch, String pass) {
        long rows = embedded.getShape().get(0);
        if (rows != miniBatch.texts().size()) {
            throw new IllegalStateException("cmnrl: " + pass + " returned " + rows + " rows for "
                    + miniBatch.texts().size() + " texts");
        }
    }

    @Override
    public String toString() {
        return "cmnrl(scale=" + loss.scale() + ", similarity=" + loss.similarity().parameterValue()
                + ", symmetric=" + loss.symmetric() + ", mini_batch_size=" + miniBatchSize + ")";
    }

    /** The unweighted loss and, per column, {@code weight × ∂L/∂E_c}. */
    private record CachedGradients(double loss, List<NDArray> weightedGradients) {
    }

    /** Rows {@code [from, to)} of one column and the dropout seed of both of their forward passes. */
    private record MiniBatch(List<String> texts, int from, int to, long seed) {
    }
}
