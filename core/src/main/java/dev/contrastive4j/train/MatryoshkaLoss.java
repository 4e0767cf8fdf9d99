package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.GraphScalars;
import dev.contrastive4j.spi.LossContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matryoshka loss: trains embeddings whose leading components are themselves good embeddings, by applying a loss
 * (or a weighted combination) to the embeddings truncated to several sizes.
 *
 * <h2>Formula</h2>
 * For dimensions {@code d_1 … d_K} with weights {@code w_1 … w_K} and a wrapped combination
 * {@code L = Σ_t v_t·L_t}:
 * <pre>
 *   shrink_d(e) = e[0:d] / max(‖e[0:d]‖₂, 1e-12)        (truncate, then L2-normalise again, also at the full size)
 *   loss        = Σ_k w_k · L( shrink_{d_k}(every embedding of the batch) )
 * </pre>
 * A weighted sum, not a mean; the weights default to 1. The order of the dimensions does not matter.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>the wrapped loss or combination, first: {@code matryoshka(mnrl, …)}, {@code matryoshka(0.7*angle +
 *       0.3*triplet, …)}; any installed loss, with its own parameters and converter.</li>
 *   <li>{@code dims} (list of whole numbers &ge; 1, required): the sizes, each at most the model's dimension.</li>
 *   <li>{@code weights} (list of numbers &gt; 0, one per dimension, default all 1).</li>
 * </ul>
 *
 * <h2>How it runs</h2>
 * The wrapped embedding-level losses ({@link EmbeddingLoss}) share one embedding of every column with a graph;
 * each dimension's values are summed with their weights and back-propagated once. The wrapped encoder-level losses
 * ({@link EncoderLoss}: the cached ones, or a plugin's that embeds by itself) see an {@link Embedder} that hands out
 * truncated, re-normalised embeddings. Its passes are made once per batch of texts and dropout seed, whatever the
 * number of dimensions: a pass without a graph is remembered, and a pass with a graph is answered with a detached
 * copy that collects the gradient of every dimension. After the last dimension each such pass is replayed once
 * with a graph and back-propagated with the summed gradient, one pass at a time. So a cached loss embeds its
 * mini-batches once without and once with a graph, as alone, and its result equals the uncached loss's; this is
 * sentence-transformers' treatment of cached losses, for any encoder-level loss that reaches the encoder only
 * through the {@link Embedder} it is given.
 *
 * <h2>References</h2>
 * Kusupati et al., "Matryoshka Representation Learning" (NeurIPS 2022),
 * <a href="https://arxiv.org/abs/2205.13147">arXiv:2205.13147</a>; sentence-transformers' {@code MatryoshkaLoss},
 * whose semantics this class follows (its {@code n_dims_per_step} sampling is not offered: every dimension runs).
 *
 * <h2>Requirements and input</h2>
 * Whatever the wrapped losses need; the data is converted for each of them as it would be alone.
 *
 * <h2>Recommendations</h2>
 * Evaluate the model at the same sizes ({@code c4j evaluate --truncate-dim 128}) and compare with an ordinary
 * model truncated the same way.
 *
 * <h2>Related losses</h2>
 * Any: {@code mnrl} and {@code cmnrl} are the usual choices, as in sentence-transformers' examples.
 *
 * <h2>Usage</h2>
 * <pre>
 *   c4j train --loss "matryoshka(mnrl, dims=[384, 256, 128, 64])" --train triplets.jsonl
 *   c4j train --loss "matryoshka(0.7*angle + 0.3*triplet, dims=[384, 64], weights=[1, 0.5])"
 * </pre>
 */
public final class MatryoshkaLoss implements EncoderLoss {

    /**
     * One truncation size and its weight.
     *
     * @param dimension the number of leading components kept, at least 1
     * @param weight its weight in the sum, finite and {@code > 0}
     */
    public record Level(int dimension, double weight) {

        public Level {
            if (dimension < 1 || !(Double.isFinite(weight) && weight > 0)) {
                throw new IllegalArgumentException("a level needs a dimension >= 1 and a weight > 0, got "
                        + dimension + " and " + weight);
            }
        }
    }


    private final LossPlan inner;
    private final List<Level> levels;

    MatryoshkaLoss(LossPlan inner, List<Level> levels) {
        this.inner = inner;
        this.levels = List.copyOf(levels);
        if (this.levels.isEmpty()) {
            throw new IllegalArgumentException("at least one level");
        }
    }

    /** The sizes and weights, in the order written. */
    public List<Level> levels() {
        return levels;
    }

    @Override
    public double forwardBackward(Batch batch, LossContext context, double weight) {
        int full = context.encoder().dimension();
        for (Level level : levels) {
            if (level.dimension() > full) {
                throw new ContrastiveException("loss '" + MatryoshkaLossFactory.NAME + "': dimension "
                        + level.dimension() + " is larger than the model's embeddings (" + full + ")");
            }
        }
        List<PlannedLoss> embeddingLosses = inner.losses().stream()
                .filter(l -> l.loss() instanceof EmbeddingLoss).toList();
        List<PlannedLoss> encoderLosses = inner.losses().stream()
                .filter(l -> l.loss() instanceof EncoderLoss).toList();
        double value = 0;
        if (!embeddingLosses.isEmpty()) {
            value += embeddingLevel(embeddingLosses, batch, context, weight);
        }
        if (!encoderLosses.isEmpty()) {
            value += encoderLevel(encoderLosses, batch, context, weight);
        }
        return value;
    }

    private double embeddingLevel(List<PlannedLoss> losses, Batch batch, LossContext context, double weight) {
        EmbeddedBatch embedded = LossCombination.embed(batch, context);
        double value = 0;
        NDArray weightedSum = null;
        for (Level level : levels) {
            EmbeddedBatch shrunk = shrink(embedded, level.dimension());
            for (PlannedLoss planned : losses) {
                EmbeddedBatch input = planned.converter().map(c -> c.convert(shrunk)).orElse(shrunk);
                NDArray loss = ((EmbeddingLoss) planned.loss()).compute(input);
                double factor = level.weight() * planned.weight();
                value += factor * loss.toType(DataType.FLOAT64, false).getDouble();
                NDArray weighted = loss.mul(GraphScalars.of(loss.getManager(), weight * factor,
                        loss.getDataType()));
                weightedSum = weightedSum == null ? weighted : weightedSum.add(weighted);
            }
        }
        context.backward(weightedSum);
        return value;
    }

    private double encoderLevel(List<PlannedLoss> losses, Batch batch, LossContext context, double weight) {
        double value = 0;
        try (DeferredPasses passes = new DeferredPasses(context.encoder(), context.manager().newSubManager())) {
            for (Level level : levels) {
                LossContext truncated = new TruncatedContext(passes.truncatedTo(level.dimension()), context);
                for (PlannedLoss planned : losses) {
                    Batch input = planned.converter()
                            .map(c -> LossCombination.convertRows(LossCombination.rows(batch), c)).orElse(batch);
                    double factor = level.weight() * planned.weight();
                    value += factor * ((EncoderLoss) planned.loss()).forwardBackward(input, truncated, weight * factor);
                }
            }
            passes.replay(context);
        }
        return value;
    }

    /** Every column truncated to {@code dimension} and normalised again; scores unchanged. */
    private static EmbeddedBatch shrink(EmbeddedBatch batch, int dimension) {
        List<NDArray> columns = new ArrayList<>(batch.columns().size());
        for (NDArray column : batch.columns()) {
            columns.add(shrink(column, dimension));
        }
        return new EmbeddedBatch(batch.format(), columns, batch.scores());
    }

    private static NDArray shrink(NDArray embeddings, int dimension) {
        return PyTorchRuntime.l2NormalizeRows(embeddings.get(new NDIndex(":, 0:" + dimension)));
    }

    /** The step's context with the truncating encoder; backward passes go to the step's collector as they come. */
    private record TruncatedContext(Embedder encoder, LossContext step) implements LossContext {

        @Override
        public NDManager manager() {
            return step.manager();
        }

        @Override
        public long stepSeed() {
            return step.stepSeed();
        }

        @Override
        public void backward(NDArray scalar) {
            step.backward(scalar);
        }
    }

    /**
     * The encoder's passes for the encoder-level losses of one batch, each made once: a pass without a graph is
     * remembered by texts and seed; a pass with a graph is answered from a detached leaf copy that sums the
     * gradients of every dimension, and replayed with a graph at the end.
     */
    private static final class DeferredPasses implements AutoCloseable {

        private record Pass(List<String> texts, long seed) {
        }

        private final Embedder encoder;
        private final NDManager manager;
        private final Map<Pass, NDArray> detached = new LinkedHashMap<>();
        private final Map<Pass, NDArray> leaves = new LinkedHashMap<>();

        DeferredPasses(Embedder encoder, NDManager manager) {
            this.encoder = encoder;
            this.manager = manager;
        }

        Embedder truncatedTo(int dimension) {
            return new Embedder() {
                @Override
                public int dimension() {
                    return dimension;
                }

                @Override
                public NDArray embedDetached(List<String> texts, NDManager target, long dropoutSeed) {
                    return moved(shrink(detached(new Pass(List.copyOf(texts), dropoutSeed)), dimension), target);
                }

                @Override
                public NDArray embedWithGradient(List<String> texts, NDManager target, long dropoutSeed) {
                    return moved(shrink(leaf(new Pass(List.copyOf(texts), dropoutSeed)), dimension), target);
                }
            };
        }

        private NDArray detached(Pass pass) {
            return detached.computeIfAbsent(pass, p -> encoder.embedDetached(p.texts(), manager, p.seed()));
        }

        private NDArray leaf(Pass pass) {
            return leaves.computeIfAbsent(pass, p -> {
                NDArray leaf = detached(p).duplicate();
                leaf.setRequiresGradient(true);
                return leaf;
            });
        }

        /** Each remembered pass with a graph, again, back-propagating the gradient its leaf collected. */
        void replay(LossContext context) {
            for (Map.Entry<Pass, NDArray> entry : leaves.entrySet()) {
                Pass pass = entry.getKey();
                try (NDManager scope = context.manager().newSubManager()) {
                    NDArray gradient = entry.getValue().getGradient().duplicate();
                    gradient.attach(scope);
                    NDArray embedded = encoder.embedWithGradient(pass.texts(), scope, pass.seed());
                    context.backward(embedded.mul(gradient.toType(embedded.getDataType(), false)).sum());
                }
            }
        }

        private static NDArray moved(NDArray array, NDManager target) {
            array.attach(target);
            return array;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
