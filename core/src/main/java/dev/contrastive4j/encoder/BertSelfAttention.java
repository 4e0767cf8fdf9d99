package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.contrastive4j.engine.FusedAttention;
import dev.contrastive4j.spi.GraphScalars;

/**
 * Multi-head scaled dot-product self-attention without the output projection (Hugging Face's
 * {@code BertSelfAttention}).
 *
 * <p>Inputs: hidden states {@code (B, T, H)} and an additive mask {@code (B, 1, 1, T)} that holds 0 for real
 * tokens and a large negative value for padding. Output: the heads' context vectors concatenated, as a token
 * matrix {@code (B·T, H)}. Per head: {@code softmax(Q·Kᵀ / √d + mask) → dropout → ·V}, fused into one libtorch
 * operator where no dropout applies.
 */
final class BertSelfAttention extends AbstractBlock {

    private final int heads;
    private final int headSize;
    private final double scale;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Dropout dropout;
    private final double dropoutRate;

    BertSelfAttention(BertConfig config) {
        heads = config.numAttentionHeads();
        headSize = config.attentionHeadSize();
        scale = Math.sqrt(headSize);
        query = addChildBlock("query", Linear.builder().setUnits(config.hiddenSize()).build());
        key = addChildBlock("key", Linear.builder().setUnits(config.hiddenSize()).build());
        value = addChildBlock("value", Linear.builder().setUnits(config.hiddenSize()).build());
        dropoutRate = config.attentionProbsDropoutProb();
        dropout = addChildBlock("dropout",
                Dropout.builder().optRate((float) config.attentionProbsDropoutProb()).build());
    }

    Linear query() {
        return query;
    }

    Linear key() {
        return key;
    }

    Linear value() {
        return value;
    }

    /**
     * Inputs: hidden states {@code (B, T, H)} and the additive mask. Output: the heads' context vectors as a
     * token matrix {@code (B·T, H)}, the shape the layer's next product wants.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray additiveMask = inputs.get(1);
        long batch = hidden.getShape().get(0);
        long length = hidden.getShape().get(1);
        long width = hidden.getShape().get(2);

        // Q, K and V in one product with their weights stacked: one (B·T, H) × (H, 3H) multiplication runs
        // faster than three of (H, H), and on a 2-D input libtorch adds the bias inside the product (addmm),
        // where a 3-D input gets a separate pass over the output.
        NDArray stackedWeights = NDArrays.concat(new NDList(weight(parameterStore, query, hidden, training),
                weight(parameterStore, key, hidden, training), weight(parameterStore, value, hidden, training)), 0);
        NDArray stackedBiases = NDArrays.concat(new NDList(bias(parameterStore, query, hidden, training),
                bias(parameterStore, key, hidden, training), bias(parameterStore, value, hidden, training)), 0);
        NDArray projected = Linear.linear(hidden.reshape(batch * length, width), stackedWeights, stackedBiases)
                .head();
        // (B·T, 3H) → (3, B, heads, T, d): views, no copy.
        NDList qkv = projected.reshape(batch, length, 3, heads, headSize).transpose(2, 0, 3, 1, 4).split(3, 0);
        NDArray q = qkv.get(0).squeeze(0);
        NDArray k = qkv.get(1).squeeze(0);
        NDArray v = qkv.get(2).squeeze(0);
        NDArray context = fused(training)
                ? FusedAttention.attend(q, k, v, additiveMask, 1 / scale)
                : unfusedAttention(parameterStore, q, k, v, additiveMask, training);
        // (B, heads, T, d) → (B·T, H)
        return new NDList(context.transpose(0, 2, 1, 3).reshape(batch * length, (long) heads * headSize));
    }

    /** A dense layer's weight on the input's device, as {@link Linear} itself fetches it. */
    private static NDArray weight(ParameterStore store, Linear dense, NDArray input, boolean training) {
        return store.getValue(dense.getParameters().get("weight"), input.getDevice(), training);
    }

    private static NDArray bias(ParameterStore store, Linear dense, NDArray input, boolean training) {
        return store.getValue(dense.getParameters().get("bias"), input.getDevice(), training);
    }

    /**
     * Whether this pass runs libtorch's fused attention: whenever no dropout applies to the attention
     * probabilities (inference, or a model without attention dropout). The fused kernel has no dropout of its own
     * on the CPU, and with dropout libtorch would fall back to the same unfused steps as below.
     */
    private boolean fused(boolean training) {
        return runsFused(dropoutRate, training);
    }

    /** Whether attention with this dropout rate runs fused in a pass of this mode (see {@link #fused}). */
    static boolean runsFused(double attentionDropoutRate, boolean training) {
        return (!training || attentionDropoutRate == 0) && FusedAttention.available();
    }

    /** {@code softmax(Q·Kᵀ/√d + mask) → dropout → ·V} step by step, each intermediate freed once unneeded. */
    private NDArray unfusedAttention(ParameterStore parameterStore, NDArray q, NDArray k, NDArray v,
            NDArray additiveMask, boolean training) {
        // Q is scaled before Q·Kᵀ rather than the scores after it: (B, heads, T, d) values instead of
        // (B, heads, T, T). A PyTorch-owned factor: backward reads it after this scope's arrays are gone (see
        // GraphScalars).
        NDArray scaled = q.mul(GraphScalars.of(q.getManager(), 1 / scale, q.getDataType()));
        // The mask is added in place: the product's backward reads Q and K, never the product itself.
        NDArray scores = scaled.matMul(k.transpose(0, 1, 3, 2)).addi(additiveMask);
        NDArray probabilities = scores.softmax(-1);
        // Softmax's backward reads its output, not its input: the scores can go now, not with the layer.
        scores.close();
        probabilities = dropout.forward(parameterStore, new NDList(probabilities), training).head();
        return probabilities.matMul(v);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape hidden = inputShapes[0];
        return new Shape[] {new Shape(hidden.get(0) * hidden.get(1), hidden.get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        query.initialize(manager, dataType, hidden);
        key.initialize(manager, dataType, hidden);
        value.initialize(manager, dataType, hidden);
        Shape scores = new Shape(hidden.get(0), heads, hidden.get(1), hidden.get(1));
        dropout.initialize(manager, dataType, scores);
    }
}
