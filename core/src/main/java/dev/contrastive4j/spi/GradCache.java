package dev.contrastive4j.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gradient caching (GradCache) for an {@link EncoderLoss} whose objective is a function of the batch's embedded
 * columns: the loss and parameter gradients of the uncached objective, with memory bounded by a mini-batch instead
 * of the batch. The cached losses ({@code cmnrl}, {@code cgist}) are this class around their objective:
 * <pre>{@code
 * public double forwardBackward(Batch batch, LossContext context, double weight) {
 *     return GradCache.withMiniBatches(miniBatchSize, "cmnrl").forwardBackward(batch, context, weight, mnrl::compute);
 * }
 * }</pre>
 *
 * <h2>The three passes</h2>
 * With {@code E = (E_1, …, E_C)} the embedded columns, θ the encoder's parameters and L the objective:
 * <pre>
 *   E_c,b     = embedDetached(column c, mini-batch b, seed_c,b)          pass 1: no graph
 *   G         = ∂L/∂E                                                    pass 2: backward on leaf copies of E
 *   S_c,b     = weight × Σ ( embedWithGradient(column c, mini-batch b, seed_c,b) ⊙ G_c,b )
 *   Σ_c,b ∂S_c,b/∂θ = weight × ∂L/∂θ                                    pass 3: L depends on θ only through E
 * </pre>
 * Pass 3 replays every mini-batch with the seed of its pass 1, so that dropout draws the same masks and the
 * gradient cached in pass 2 belongs to the embeddings being differentiated. The seeds follow
 * {@link #dropoutSeed}, the rule {@link LossContext} states: with a mini-batch at least as large as the batch, the
 * cached loss sees exactly the dropout masks of the uncached one.
 *
 * <p>Every pass goes through {@link LossContext#encoder()}, never around it: a wrapper such as {@code matryoshka}
 * answers those calls itself (one pass per mini-batch and seed, whatever the number of dimensions).
 *
 * @since 1.2
 */
public final class GradCache {

    /** The objective computed on the whole batch's embeddings. */
    @FunctionalInterface
    public interface Objective {

        /**
         * The loss of the embedded columns.
         *
         * @param columns one {@code (rows, dimension)} array per column of the batch, each a leaf that requires a
         *     gradient; compute with {@link GraphScalars} where a graph operation reads a number
         * @return the unweighted loss, a shape {@code ()} array computed from {@code columns} with a graph
         */
        NDArray compute(List<NDArray> columns);
    }

    private final int miniBatchSize;
    private final String lossName;

    private GradCache(int miniBatchSize, String lossName) {
        this.lossName = Objects.requireNonNull(lossName, "lossName");
        if (miniBatchSize < 1) {
            throw new ContrastiveException(lossName + ": mini_batch_size must be >= 1, got " + miniBatchSize);
        }
        this.miniBatchSize = miniBatchSize;
    }

    /**
     * Gradient caching with {@code miniBatchSize} rows per forward pass.
     *
     * @param miniBatchSize rows embedded per forward pass; at least 1
     * @param lossName the loss's name, for messages ({@code cmnrl})
     * @return the helper; it holds no state between steps
     * @throws ContrastiveException if {@code miniBatchSize} is below 1
     */
    public static GradCache withMiniBatches(int miniBatchSize, String lossName) {
        return new GradCache(miniBatchSize, lossName);
    }

    /** @return rows embedded per forward pass */
    public int miniBatchSize() {
        return miniBatchSize;
    }

    /**
     * The dropout seed of one forward pass of a step: the seed rule of {@link LossContext}. Mini-batch 0 of
     * column c takes {@code stepSeed + c}, the seed of an uncached pass over the whole column; every later
     * mini-batch a seed mixed from the step seed, the column and its index (SplitMix64's finaliser), so that no
     * two passes of a step, and no passes of neighbouring steps, share masks.
     *
     * @param stepSeed {@link LossContext#stepSeed()}
     * @param column the column's index in the batch
     * @param miniBatch the mini-batch's index within the column
     * @return the seed of that pass, for both its detached pass and its replay with a graph
     */
    public static long dropoutSeed(long stepSeed, int column, int miniBatch) {
        if (miniBatch == 0) {
            return stepSeed + column;
        }
        long z = stepSeed ^ (0x9E3779B97F4A7C15L * (((long) column << 32) | miniBatch));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs the three passes: adds {@code weight × ∂L/∂θ} to the parameters' gradients through
     * {@link LossContext#backward}, one mini-batch graph at a time.
     *
     * @param batch the batch; every column is embedded
     * @param context the step's encoder, manager, seed and backward
     * @param weight the loss's weight in its combination
     * @param objective L as a function of the embedded columns
     * @return L, unweighted
     */
    public double forwardBackward(Batch batch, LossContext context, double weight, Objective objective) {
        Embedder encoder = context.encoder();
        List<List<MiniBatch>> plan = plan(batch, context.stepSeed());
        try (NDManager step = context.manager().newSubManager()) {
            List<NDArray> embeddings = new ArrayList<>(plan.size());
            for (List<MiniBatch> column : plan) {
                embeddings.add(embedDetached(encoder, column, step));
            }
            CachedGradients cached = lossAndGradients(embeddings, objective, context, weight, step);
            for (int c = 0; c < plan.size(); c++) {
                replayWithGradient(encoder, plan.get(c), cached.weightedGradients().get(c), context, step);
            }
            return cached.loss();
        }
    }

    /** Pass 1: one column, mini-batch by mini-batch, without a graph; the result lives in {@code step}. */
    private NDArray embedDetached(Embedder encoder, List<MiniBatch> column, NDManager step) {
        try (NDManager scratch = step.newSubManager()) {
            NDList parts = new NDList(column.size());
            for (MiniBatch miniBatch : column) {
                parts.add(requireRows(encoder.embedDetached(miniBatch.texts(), scratch, miniBatch.seed()), miniBatch,
                        "embedDetached"));
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
    private static CachedGradients lossAndGradients(List<NDArray> embeddings, Objective objective,
            LossContext context, double weight, NDManager step) {
        try (NDManager lossScope = step.newSubManager()) {
            List<NDArray> leaves = new ArrayList<>(embeddings.size());
            for (NDArray embedded : embeddings) {
                NDArray leaf;
                try (NDArray detached = embedded.stopGradient()) {
                    leaf = detached.duplicate(); // a leaf of its own graph, unconnected to the encoder
                }
                leaf.attach(lossScope);
                leaf.setRequiresGradient(true);
                leaves.add(leaf);
                embedded.close();
            }
            NDArray loss = objective.compute(leaves);
            double value = loss.toType(DataType.FLOAT64, false).getDouble();
            context.backward(loss);
            List<NDArray> weightedGradients = new ArrayList<>(leaves.size());
            for (NDArray leaf : leaves) {
                // Scaling G here, on a matrix, keeps the surrogate in the embeddings' precision.
                NDArray gradient = leaf.getGradient().mul(GraphScalars.of(leaf, weight));
                gradient.attach(step);
                weightedGradients.add(gradient);
            }
            return new CachedGradients(value, weightedGradients);
        }
    }

    /** Pass 3: re-embeds each mini-batch of one column with its pass-1 seed and pushes the cached gradient in. */
    private void replayWithGradient(Embedder encoder, List<MiniBatch> column, NDArray weightedGradient,
            LossContext context, NDManager step) {
        for (MiniBatch miniBatch : column) {
            // One sub-manager per mini-batch: its graph and activations are freed before the next one exists.
            try (NDManager scratch = step.newSubManager()) {
                NDArray embedded = requireRows(encoder.embedWithGradient(miniBatch.texts(), scratch,
                        miniBatch.seed()), miniBatch, "embedWithGradient");
                NDArray gradient = weightedGradient.get("{}:{}", miniBatch.from(), miniBatch.to());
                gradient.attach(scratch);
                context.backward(embedded.mul(gradient).sum());
            }
        }
    }

    /** Splits every column into mini-batches and gives each its dropout seed. */
    private List<List<MiniBatch>> plan(Batch batch, long stepSeed) {
        List<List<MiniBatch>> plan = new ArrayList<>(batch.columns().size());
        for (int c = 0; c < batch.columns().size(); c++) {
            List<String> texts = batch.column(c);
            List<MiniBatch> column = new ArrayList<>();
            for (int from = 0, index = 0; from < texts.size(); from += miniBatchSize, index++) {
                int to = Math.min(from + miniBatchSize, texts.size());
                column.add(new MiniBatch(texts.subList(from, to), from, to, dropoutSeed(stepSeed, c, index)));
            }
            plan.add(column);
        }
        return plan;
    }

    private NDArray requireRows(NDArray embedded, MiniBatch miniBatch, String pass) {
        long rows = embedded.getShape().get(0);
        if (rows != miniBatch.texts().size()) {
            throw new IllegalStateException(lossName + ": the encoder's " + pass + " returned " + rows + " rows for "
                    + miniBatch.texts().size() + " texts");
        }
        return embedded;
    }

    /** The unweighted loss and, per column, {@code weight × ∂L/∂E_c}. */
    private record CachedGradients(double loss, List<NDArray> weightedGradients) {
    }

    /** Rows {@code [from, to)} of one column and the dropout seed of both of their forward passes. */
    private record MiniBatch(List<String> texts, int from, int to, long seed) {
    }
}
