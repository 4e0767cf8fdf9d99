package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Turns token vectors {@code (B, T, H)} and the attention mask {@code (B, T)} into sentence vectors, as a
 * {@link PoolingConfig} says, optionally scaled to unit L2 length. Padding tokens never contribute.
 */
final class Pooling {

    /** sentence-transformers' stand-in for padding in max pooling. */
    private static final float PADDING_FOR_MAX = -1e9f;
    /** sentence-transformers' floor for the token count in mean pooling. */
    private static final float MIN_TOKEN_COUNT = 1e-9f;

    private final PoolingConfig config;
    private final boolean normalize;

    Pooling(PoolingConfig config, boolean normalize) {
        this.config = config;
        this.normalize = normalize;
    }

    NDArray pool(NDArray tokens, NDArray attentionMask) {
        NDArray mask = attentionMask.toType(DataType.FLOAT32, false); // (B, T)
        NDArray mask3 = mask.expandDims(2); // (B, T, 1)
        NDList parts = new NDList();
        if (config.clsToken()) {
            parts.add(tokens.get(":, 0, :"));
        }
        if (config.maxTokens()) {
            // Padding positions get a large negative value so that they never win the maximum.
            NDArray padding = mask3.neg().add(1f).mul(PADDING_FOR_MAX);
            parts.add(tokens.mul(mask3).add(padding).max(new int[] {1}));
        }
        if (config.meanTokens() || config.meanSqrtLenTokens()) {
            NDArray sum = tokens.mul(mask3).sum(new int[] {1}); // (B, H)
            NDArray count = mask.sum(new int[] {1}, true).maximum(MIN_TOKEN_COUNT); // (B, 1)
            if (config.meanTokens()) {
                parts.add(sum.div(count));
            }
            if (config.meanSqrtLenTokens()) {
                parts.add(sum.div(count.sqrt()));
            }
        }
        NDArray pooled = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1);
        if (!normalize) {
            return pooled;
        }
        return PyTorchRuntime.l2NormalizeRows(pooled);
    }
}
