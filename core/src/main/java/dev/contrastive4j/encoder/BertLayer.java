package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One transformer layer (Hugging Face's {@code BertLayer}), post-norm:
 * <pre>
 * a = LayerNorm(h + dropout(Dense_ao(SelfAttention(h, mask))))      attention.self / attention.output
 * i = GELU(Dense_i(a))                                              intermediate
 * o = LayerNorm(a + dropout(Dense_o(i)))                            output
 * </pre>
 * GELU is the exact {@code 0.5·x·(1 + erf(x/√2))}: PyTorch's {@code gelu} without approximation, which is
 * what DJL's {@link Activation#gelu} calls on the PyTorch engine.
 *
 * <p>Inputs: hidden states {@code (B, T, H)}, additive mask {@code (B, 1, 1, T)}. Output: {@code (B, T, H)}.
 */
final class BertLayer extends AbstractBlock {

    private final BertSelfAttention attention;
    private final Linear attentionOutput;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;
    private final ParallelDropout dropout;

    BertLayer(BertConfig config) {
        attention = addChildBlock("attention_self", new BertSelfAttention(config));
        attentionOutput = addChildBlock("attention_output_dense",
                Linear.builder().setUnits(config.hiddenSize()).build());
        attentionNorm = addChildBlock("attention_output_LayerNorm", BertLayerNorms.create(config));
        intermediate = addChildBlock("intermediate_dense",
                Linear.builder().setUnits(config.intermediateSize()).build());
        output = addChildBlock("output_dense", Linear.builder().setUnits(config.hiddenSize()).build());
        outputNorm = addChildBlock("output_LayerNorm", BertLayerNorms.create(config));
        // Dropout holds no state, so one block serves both dense outputs.
        dropout = addChildBlock("dropout", new ParallelDropout(config.hiddenDropoutProb()));
    }

    BertSelfAttention attention() {
        return attention;
    }

    Linear attentionOutput() {
        return attentionOutput;
    }

    LayerNorm attentionNorm() {
        return attentionNorm;
    }

    Linear intermediate() {
        return intermediate;
    }

    Linear output() {
        return output;
    }

    LayerNorm outputNorm() {
        return outputNorm;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray context = attention.forward(store, inputs, training).head();
        NDArray attended = residualNorm(store, attentionOutput, attentionNorm, context, hidden, training);
        NDArray expanded = Activation.gelu(intermediate.forward(store, new NDList(attended), training).head());
        return new NDList(residualNorm(store, output, outputNorm, expanded, attended, training));
    }

    /** {@code LayerNorm(residual + dropout(dense(x)))}. */
    private NDArray residualNorm(ParameterStore store, Linear dense, LayerNorm norm, NDArray x, NDArray residual,
            boolean training) {
        NDArray projected = dense.forward(store, new NDList(x), training).head();
        NDArray dropped = dropout.forward(store, new NDList(projected), training).head();
        return norm.forward(store, new NDList(dropped.add(residual)), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        attention.initialize(manager, dataType, inputShapes);
        attentionOutput.initialize(manager, dataType, hidden);
        attentionNorm.initialize(manager, dataType, hidden);
        intermediate.initialize(manager, dataType, hidden);
        Shape wide = intermediate.getOutputShapes(new Shape[] {hidden})[0];
        output.initialize(manager, dataType, wide);
        outputNorm.initialize(manager, dataType, hidden);
        dropout.initialize(manager, dataType, hidden);
    }
}
