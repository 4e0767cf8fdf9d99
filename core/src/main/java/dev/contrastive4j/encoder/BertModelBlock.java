package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT encoder (Hugging Face's {@code BertModel} without its pooler in the forward pass) written with DJL
 * blocks, whose parameters map one to one onto Hugging Face's parameter names: see
 * {@link #parametersByHfName()}, the single place that mapping is defined.
 *
 * <p>Inputs: {@code input_ids}, {@code attention_mask} and {@code token_type_ids}, each {@code (B, T)} int64.
 * Output: {@code last_hidden_state}, {@code (B, T, H)} float32.
 *
 * <p>Checkpoints of {@code BertModel} also carry the pooler ({@code pooler.dense}, a tanh layer over the first
 * token used by next-sentence prediction). Sentence embeddings never use it; when present it is kept, frozen,
 * so that saving writes back what was loaded.
 */
public final class BertModelBlock extends AbstractBlock {

    /** Added to the attention scores of padding tokens, as Hugging Face does: the float32 minimum. */
    static final float MASKED_SCORE = -Float.MAX_VALUE;

    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers;
    private final Linear pooler;

    /**
     * Creates an uninitialised block; call {@link #initialize(NDManager)} before use.
     *
     * @param withPooler whether to hold the (unused, frozen) pooler parameters
     */
    public BertModelBlock(BertConfig config, boolean withPooler) {
        this.config = config;
        embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
        List<BertLayer> built = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            built.add(addChildBlock("encoder_layer_" + i, new BertLayer(config)));
        }
        layers = Collections.unmodifiableList(built);
        pooler = withPooler
                ? addChildBlock("pooler_dense", Linear.builder().setUnits(config.hiddenSize()).build())
                : null;
    }

    public BertConfig config() {
        return config;
    }

    /** Whether the block holds pooler parameters. */
    public boolean hasPooler() {
        return pooler != null;
    }

    /**
     * Creates every parameter array in {@code manager} (weights drawn from N(0, 0.02²) like Hugging Face's
     * {@code initializer_range}, biases 0, LayerNorm scale 1 and shift 0); the pooler, if any, is frozen.
     */
    public void initialize(NDManager manager) {
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        Shape tokens = new Shape(1, 1);
        initialize(manager, DataType.FLOAT32, tokens, tokens, tokens);
        if (pooler != null) {
            pooler.getParameters().values().forEach(parameter -> parameter.freeze(true));
        }
    }

    /**
     * Every parameter under its Hugging Face name, in the order of a {@code BertModel} state dict:
     * {@code embeddings.word_embeddings.weight}, …, {@code encoder.layer.3.attention.self.query.weight}, …,
     * {@code pooler.dense.bias}. Linear weights are {@code [out, in]} in both libraries; LayerNorm's DJL
     * {@code gamma}/{@code beta} are Hugging Face's {@code weight}/{@code bias}.
     */
    public Map<String, Parameter> parametersByHfName() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("embeddings.word_embeddings.weight", embeddings.words().weight());
        named.put("embeddings.position_embeddings.weight", embeddings.positions().weight());
        named.put("embeddings.token_type_embeddings.weight", embeddings.tokenTypes().weight());
        putLayerNorm(named, "embeddings.LayerNorm", embeddings.norm());
        for (int i = 0; i < layers.size(); i++) {
            BertLayer layer = layers.get(i);
            String prefix = "encoder.layer." + i + ".";
            putLinear(named, prefix + "attention.self.query", layer.attention().query());
            putLinear(named, prefix + "attention.self.key", layer.attention().key());
            putLinear(named, prefix + "attention.self.value", layer.attention().value());
            putLinear(named, prefix + "attention.output.dense", layer.attentionOutput());
            putLayerNorm(named, prefix + "attention.output.LayerNorm", layer.attentionNorm());
            putLinear(named, prefix + "intermediate.dense", layer.intermediate());
            putLinear(named, prefix + "output.dense", layer.output());
            putLayerNorm(named, prefix + "output.LayerNorm", layer.outputNorm());
        }
        if (pooler != null) {
            putLinear(named, "pooler.dense", pooler);
        }
        return named;
    }

    private static void putLinear(Map<String, Parameter> named, String prefix, Linear linear) {
        named.put(prefix + ".weight", linear.getParameters().get("weight"));
        named.put(prefix + ".bias", linear.getParameters().get("bias"));
    }

    private static void putLayerNorm(Map<String, Parameter> named, String prefix, LayerNorm norm) {
        named.put(prefix + ".weight", norm.getParameters().get("gamma"));
        named.put(prefix + ".bias", norm.getParameters().get("beta"));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray attentionMask = inputs.get(1);
        NDArray tokenTypes = inputs.get(2);
        NDManager caller = ids.getManager();
        NDArray additiveMask = additiveMask(attentionMask);
        NDArray hidden;
        try (NDManager scope = caller.newSubManager()) {
            ids.tempAttach(scope);
            hidden = embeddings.forward(store, new NDList(ids, tokenTypes), training).head();
            hidden.attach(caller);
        }
        for (BertLayer layer : layers) {
            hidden = forwardFreeingIntermediates(layer, store, hidden, additiveMask, training);
        }
        return new NDList(hidden);
    }

    /**
     * Runs one layer in a scope of its own from which only the layer's output escapes; its input, an output of
     * the previous layer, is freed with the scope. DJL frees arrays when their manager closes, not when the last
     * reference goes: without this, every layer's attention scores and activations would stay allocated until
     * the whole pass ends (2.4 GB at 32 × 256 tokens for MiniLM). A recorded graph is unaffected: libtorch's
     * autograd keeps its own reference to each tensor that backward reads.
     */
    private static NDArray forwardFreeingIntermediates(BertLayer layer, ParameterStore store, NDArray input,
            NDArray additiveMask, boolean training) {
        NDManager caller = input.getManager();
        try (NDManager scope = caller.newSubManager()) {
            input.attach(scope);
            NDArray output = layer.forward(store, new NDList(input, additiveMask), training).head();
            output.attach(caller);
            return output;
        }
    }

    /** {@code (B, T)} 1/0 mask → {@code (B, 1, 1, T)}: 0 where attended, the float32 minimum where padded. */
    private static NDArray additiveMask(NDArray attentionMask) {
        long batch = attentionMask.getShape().get(0);
        long length = attentionMask.getShape().get(1);
        return attentionMask.toType(DataType.FLOAT32, false)
                .neg().add(1f).mul(MASKED_SCORE)
                .reshape(batch, 1, 1, length);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return embeddings.getOutputShapes(new Shape[] {inputShapes[0]});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        embeddings.initialize(manager, dataType, ids, inputShapes[2]);
        Shape hidden = embeddings.getOutputShapes(new Shape[] {ids})[0];
        Shape mask = new Shape(ids.get(0), 1, 1, ids.get(1));
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, mask);
        }
        if (pooler != null) {
            pooler.initialize(manager, dataType, new Shape(ids.get(0), hidden.get(2)));
        }
    }
}
