package dev.contrastive4j.encoder.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes a BERT sentence encoder as a standard ONNX graph (opset {@value #OPSET}), the counterpart of
 * {@link OnnxBertImporter}, built from plain ONNX operators that any runtime has:
 * <pre>
 * inputs   input_ids, attention_mask, token_type_ids      int64 [batch, sequence]
 * outputs  last_hidden_state                               float [batch, sequence, hidden]
 *          sentence_embedding                              float [batch, dimension]
 * </pre>
 * <ul>
 *   <li>embeddings: {@code LayerNorm(word[ids] + type[types] + position[0..T))};</li>
 *   <li>each layer: Q/K/V projections, Q scaled by 1/√d, {@code softmax(QKᵀ + mask)·V} per head with the additive
 *       mask 0 where attended and the float32 minimum where padded, output projection and residual LayerNorm,
 *       exact GELU {@code 0.5·x·(1 + erf(x/√2))} feed-forward and residual LayerNorm;</li>
 *   <li>the sentence embedding: the token vectors pooled as the model pools them (CLS, max, mean, mean·√length,
 *       concatenated in sentence-transformers' order when several), padding masked out by
 *       {@code attention_mask}, then scaled to unit L2 length ({@code x / max(‖x‖, 1e-12)}) when the model
 *       normalises.</li>
 * </ul>
 * {@code last_hidden_state} is the first output, since runtimes that pool for themselves (LangChain4j's
 * {@code OnnxEmbeddingModel}) read the first one.
 *
 * <p>The operations follow the order of this project's encoder (and Hugging Face's {@code BertModel}), so that
 * float rounding agrees. Every weight is a float32 initializer under its Hugging Face name and in Hugging Face
 * layout; a Linear weight ({@code [out, in]}) reaches its {@code MatMul} through a {@code Transpose}, which
 * runtimes fold once when loading. The pooler is left out: no sentence embedding uses it.
 */
public final class BertOnnxWriter {

    /** The ONNX operator set the graph uses: 17 has {@code LayerNormalization}; ONNX Runtime runs it since 1.12. */
    public static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    static final int IR_VERSION = 8;

    public static final String INPUT_IDS = "input_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String TOKEN_TYPE_IDS = "token_type_ids";
    /** The token vectors, {@code [batch, sequence, hidden]}. */
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";
    /** The pooled (and normalised, when the model normalises) sentence vectors, {@code [batch, dimension]}. */
    public static final String SENTENCE_EMBEDDING = "sentence_embedding";

    /** What the weights may take: protobuf's 2 GiB per message, less room for the graph itself. */
    private static final long MAX_INLINE_WEIGHT_BYTES = (1L << 31) - (64L << 20);
    /** sentence-transformers' stand-in for padding in max pooling (as the encoder's pooling uses). */
    private static final float PADDING_FOR_MAX = -1e9f;
    /** sentence-transformers' floor for the token count in mean pooling. */
    private static final float MIN_TOKEN_COUNT = 1e-9f;
    /** {@code F.normalize}'s floor for the norm. */
    private static final float L2_NORM_FLOOR = 1e-12f;

    /** A pooling mode; several are concatenated in this order (sentence-transformers'). */
    public enum PoolingMode { CLS, MAX, MEAN, MEAN_SQRT_LEN }

    private final BertWeights weights;
    private final double layerNormEps;
    private final List<PoolingMode> pooling;
    private final boolean normalize;
    private final String producerVersion;

    private BertOnnxWriter(Builder builder) {
        this.weights = Objects.requireNonNull(builder.weights, "weights");
        this.layerNormEps = builder.layerNormEps;
        this.pooling = builder.pooling.stream().sorted().distinct().toList();
        this.normalize = builder.normalize;
        this.producerVersion = builder.producerVersion;
        if (pooling.isEmpty()) {
            throw new IllegalArgumentException("at least one pooling mode is needed");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be > 0, found " + layerNormEps);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Width of {@value #SENTENCE_EMBEDDING}: the hidden size times the number of pooling modes. */
    public int sentenceDimension() {
        return weights.dimensions().hiddenSize() * pooling.size();
    }

    /**
     * Writes the ONNX file: a single file, weights inline.
     *
     * @throws ModelFormatException if the weights do not fit in one file (protobuf's limit of 2 GiB per message)
     */
    public void write(Path file) throws IOException {
        long weightBytes = weights.tensors().values().stream().mapToLong(t -> 4L * t.values().length).sum();
        if (weightBytes > MAX_INLINE_WEIGHT_BYTES) {
            throw new ModelFormatException(file + ": the model's weights take " + weightBytes + " bytes, more than one"
                    + " ONNX file holds (2 GiB; weights in external files are not written)");
        }
        ProtoWriter graph = new Graph().build();
        ProtoWriter opset = new ProtoWriter().string(1, "").int64(2, OPSET);
        ProtoWriter header = new ProtoWriter()
                .int64(1, IR_VERSION)
                .string(2, "contrastive4j")
                .string(3, producerVersion)
                .message(8, opset);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            header.writeTo(out);
            // The graph last, its length first: ModelProto.graph is field 7, length-delimited.
            new ProtoWriter().key(7, 2).varint(graph.size()).writeTo(out);
            graph.writeTo(out);
        }
    }

    /** The GraphProto, built node by node; each value gets a unique name from its module and operator. */
    private final class Graph {

        private final BertDimensions d = weights.dimensions();
        private final ProtoWriter graph = new ProtoWriter();
        private final List<ProtoWriter> constants = new ArrayList<>();
        private final Set<String> constantNames = new HashSet<>();
        private int counter;

        ProtoWriter build() {
            String x = embeddings();
            String additiveMask = additiveMask();
            for (int layer = 0; layer < d.numLayers(); layer++) {
                x = layer(layer, x, additiveMask);
            }
            String tokens = rename(x, LAST_HIDDEN_STATE);
            rename(sentenceEmbedding(tokens), SENTENCE_EMBEDDING);

            graph.string(2, "bert_sentence_encoder");
            for (var entry : weights.tensors().entrySet()) {
                if (!entry.getKey().startsWith("pooler.")) {
                    FloatTensor t = entry.getValue();
                    graph.message(5, ProtoWriter.floatTensor(entry.getKey(), t.shape(), t.values()));
                }
            }
            constants.forEach(c -> graph.message(5, c));
            graph.message(11, valueInfo(INPUT_IDS, OnnxTensor.INT64, "batch", "sequence"));
            graph.message(11, valueInfo(ATTENTION_MASK, OnnxTensor.INT64, "batch", "sequence"));
            graph.message(11, valueInfo(TOKEN_TYPE_IDS, OnnxTensor.INT64, "batch", "sequence"));
            graph.message(12, valueInfo(LAST_HIDDEN_STATE, OnnxTensor.FLOAT, "batch", "sequence", d.hiddenSize()));
            graph.message(12, valueInfo(SENTENCE_EMBEDDING, OnnxTensor.FLOAT, "batch", sentenceDimension()));
            return graph;
        }

        private String embeddings() {
            String words = op("/embeddings/word_embeddings", "Gather",
                    List.of(BertWeightNames.WORD_EMBEDDINGS, INPUT_IDS));
            String types = op("/embeddings/token_type_embeddings", "Gather",
                    List.of(BertWeightNames.TOKEN_TYPE_EMBEDDINGS, TOKEN_TYPE_IDS));
            // Rows 0..T-1 of the position table, T from the input's shape: [T, hidden], broadcast over the batch.
            String length = op("/embeddings/sequence_length", "Shape", List.of(INPUT_IDS),
                    ProtoWriter.intAttribute("start", 1), ProtoWriter.intAttribute("end", 2));
            String positions = op("/embeddings/position_embeddings", "Slice",
                    List.of(BertWeightNames.POSITION_EMBEDDINGS, longs("zero", 0), length, longs("zero", 0)));
            String sum = op("/embeddings", "Add", List.of(op("/embeddings", "Add", List.of(words, types)), positions));
            return layerNorm("/embeddings/LayerNorm", "embeddings.LayerNorm", sum);
        }

        /** {@code (1 - mask) · float32 minimum}, {@code [batch, 1, 1, sequence]}. */
        private String additiveMask() {
            String mask = op("/mask", "Cast", List.of(ATTENTION_MASK), ProtoWriter.intAttribute("to", OnnxTensor.FLOAT));
            String expanded = op("/mask", "Unsqueeze", List.of(mask, longs("axes_1_2", 1, 2)));
            String padding = op("/mask", "Sub", List.of(scalar("one", 1f), expanded));
            return op("/mask", "Mul", List.of(padding, scalar("float32_min", -Float.MAX_VALUE)));
        }

        private String layer(int layer, String hidden, String additiveMask) {
            String p = "encoder.layer." + layer + ".";
            String path = "/encoder/layer." + layer;
            int heads = d.numHeads();
            int headSize = d.hiddenSize() / heads;
            String q = linear(path + "/attention/self/query", p + "attention.self.query", hidden);
            String k = linear(path + "/attention/self/key", p + "attention.self.key", hidden);
            String v = linear(path + "/attention/self/value", p + "attention.self.value", hidden);
            String heads4 = longs("heads_shape", 0, 0, heads, headSize);
            // Q is scaled by 1/√d before Q·Kᵀ, as the encoder does. After the split into heads, so that the Reshape
            // reads the projection itself and shows the number of heads to importers; the values are the same.
            String qh = op(path + "/attention/self/query", "Mul", List.of(
                    op(path + "/attention/self/query", "Transpose",
                            List.of(op(path + "/attention/self/query", "Reshape", List.of(q, heads4))),
                            ProtoWriter.intsAttribute("perm", 0, 2, 1, 3)),
                    scalar("inverse_sqrt_head_size", (float) (1 / Math.sqrt(headSize)))));
            String kt = op(path + "/attention/self/key", "Transpose",
                    List.of(op(path + "/attention/self/key", "Reshape", List.of(k, heads4))),
                    ProtoWriter.intsAttribute("perm", 0, 2, 3, 1));
            String vh = op(path + "/attention/self/value", "Transpose",
                    List.of(op(path + "/attention/self/value", "Reshape", List.of(v, heads4))),
                    ProtoWriter.intsAttribute("perm", 0, 2, 1, 3));
            String scores = op(path + "/attention/self", "Add",
                    List.of(op(path + "/attention/self", "MatMul", List.of(qh, kt)), additiveMask));
            String probabilities = op(path + "/attention/self", "Softmax", List.of(scores),
                    ProtoWriter.intAttribute("axis", -1));
            String context = op(path + "/attention/self", "Transpose",
                    List.of(op(path + "/attention/self", "MatMul", List.of(probabilities, vh))),
                    ProtoWriter.intsAttribute("perm", 0, 2, 1, 3));
            String merged = op(path + "/attention/self", "Reshape",
                    List.of(context, longs("hidden_shape", 0, 0, d.hiddenSize())));
            String attended = residualNorm(path + "/attention/output", p + "attention.output", merged, hidden);
            String up = gelu(path + "/intermediate",
                    linear(path + "/intermediate/dense", p + "intermediate.dense", attended));
            return residualNorm(path + "/output", p + "output", up, attended);
        }

        /** {@code LayerNorm(residual + dense(x))}. */
        private String residualNorm(String path, String module, String x, String residual) {
            String projected = linear(path + "/dense", module + ".dense", x);
            return layerNorm(path + "/LayerNorm", module + ".LayerNorm",
                    op(path, "Add", List.of(projected, residual)));
        }

        /** {@code x·Wᵀ + b}, W in Hugging Face's {@code [out, in]} layout. */
        private String linear(String path, String module, String x) {
            String transposed = op(path, "Transpose", List.of(module + ".weight"),
                    ProtoWriter.intsAttribute("perm", 1, 0));
            return op(path, "Add", List.of(op(path, "MatMul", List.of(x, transposed)), module + ".bias"));
        }

        private String layerNorm(String path, String module, String x) {
            return op(path, "LayerNormalization", List.of(x, module + ".weight", module + ".bias"),
                    ProtoWriter.intAttribute("axis", -1),
                    ProtoWriter.floatAttribute("epsilon", (float) layerNormEps));
        }

        /** PyTorch's exact GELU: {@code x · 0.5 · (1 + erf(x · (1/√2)))}. */
        private String gelu(String path, String x) {
            String erf = op(path, "Erf", List.of(op(path, "Mul", List.of(x, scalar("sqrt_half", (float) Math.sqrt(0.5))))));
            return op(path, "Mul", List.of(op(path, "Mul", List.of(x, scalar("half", 0.5f))),
                    op(path, "Add", List.of(erf, scalar("one", 1f)))));
        }

        private String sentenceEmbedding(String tokens) {
            String path = "/pooling";
            String mask = op(path, "Cast", List.of(ATTENTION_MASK), ProtoWriter.intAttribute("to", OnnxTensor.FLOAT));
            String mask3 = op(path, "Unsqueeze", List.of(mask, longs("axes_2", 2)));
            String masked = op(path, "Mul", List.of(tokens, mask3));
            List<String> parts = new ArrayList<>();
            String sum = null;
            String count = null;
            for (PoolingMode mode : pooling) {
                switch (mode) {
                    case CLS -> parts.add(op(path + "/cls", "Gather", List.of(tokens, longs("scalar_zero")),
                            ProtoWriter.intAttribute("axis", 1)));
                    case MAX -> {
                        // Padding gets a large negative value, so it never wins the maximum.
                        String padding = op(path + "/max", "Mul", List.of(
                                op(path + "/max", "Sub", List.of(scalar("one", 1f), mask3)),
                                scalar("padding_for_max", PADDING_FOR_MAX)));
                        parts.add(op(path + "/max", "ReduceMax", List.of(op(path + "/max", "Add", List.of(masked, padding))),
                                ProtoWriter.intsAttribute("axes", 1), ProtoWriter.intAttribute("keepdims", 0)));
                    }
                    case MEAN, MEAN_SQRT_LEN -> {
                        if (sum == null) { // shared by mean and mean·√length
                            sum = op(path + "/sum", "ReduceSum", List.of(masked, longs("axes_1", 1)),
                                    ProtoWriter.intAttribute("keepdims", 0));
                            count = op(path + "/count", "Max", List.of(
                                    op(path + "/count", "ReduceSum", List.of(mask, longs("axes_1", 1)),
                                            ProtoWriter.intAttribute("keepdims", 1)),
                                    scalar("min_token_count", MIN_TOKEN_COUNT)));
                        }
                        String divisor = mode == PoolingMode.MEAN ? count : op(path + "/count", "Sqrt", List.of(count));
                        parts.add(op(path + "/" + mode.name().toLowerCase(Locale.ROOT), "Div",
                                List.of(sum, divisor)));
                    }
                }
            }
            String pooled = parts.size() == 1 ? parts.get(0)
                    : op(path, "Concat", parts, ProtoWriter.intAttribute("axis", 1));
            if (!normalize) {
                return pooled;
            }
            String norm = op("/normalize", "ReduceL2", List.of(pooled), ProtoWriter.intsAttribute("axes", 1),
                    ProtoWriter.intAttribute("keepdims", 1));
            return op("/normalize", "Div", List.of(pooled,
                    op("/normalize", "Max", List.of(norm, scalar("l2_norm_floor", L2_NORM_FLOOR)))));
        }

        /** Adds a node with one output; returns the output's name. */
        private String op(String path, String type, List<String> inputs, ProtoWriter... attributes) {
            String output = path + "/" + type + "_" + counter++;
            graph.message(1, ProtoWriter.node(type, inputs.toArray(String[]::new), new String[] {output}, attributes));
            return output;
        }

        /** Gives a value a public name (a graph output) through an Identity node. */
        private String rename(String value, String name) {
            graph.message(1, ProtoWriter.node("Identity", new String[] {value}, new String[] {name}));
            return name;
        }

        /** A float32 scalar constant, one initializer per name. */
        private String scalar(String name, float value) {
            String full = "const/" + name;
            addOnce(full, () -> ProtoWriter.floatTensor(full, new long[0], new float[] {value}));
            return full;
        }

        /** An int64 constant: a 1-D tensor of {@code values}, or a scalar when none are given. */
        private String longs(String name, long... values) {
            String full = "const/" + name;
            long[] dims = values.length == 0 ? new long[0] : new long[] {values.length};
            long[] data = values.length == 0 ? new long[] {0} : values;
            addOnce(full, () -> ProtoWriter.longTensor(full, dims, data));
            return full;
        }

        private void addOnce(String name, Supplier<ProtoWriter> tensor) {
            if (constantNames.add(name)) {
                constants.add(tensor.get());
            }
        }

        private ProtoWriter valueInfo(String name, int elementType, Object... dims) {
            ProtoWriter shape = new ProtoWriter();
            for (Object dim : dims) {
                ProtoWriter dimension = new ProtoWriter();
                if (dim instanceof Integer size) {
                    dimension.int64(1, size);
                } else {
                    dimension.string(2, (String) dim);
                }
                shape.message(1, dimension);
            }
            ProtoWriter tensorType = new ProtoWriter().int64(1, elementType).message(2, shape);
            return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
        }
    }

    /** Builds a {@link BertOnnxWriter}. */
    public static final class Builder {
        private BertWeights weights;
        private double layerNormEps = 1e-12;
        private List<PoolingMode> pooling = List.of(PoolingMode.MEAN);
        private boolean normalize;
        private String producerVersion = "";

        private Builder() {}

        /** The encoder's weights (Hugging Face names; the sizes and number of heads come with them). */
        public Builder weights(BertWeights weights) {
            this.weights = weights;
            return this;
        }

        /** Epsilon of every LayerNorm (default 1e-12, BERT's). */
        public Builder layerNormEps(double layerNormEps) {
            this.layerNormEps = layerNormEps;
            return this;
        }

        /** How token vectors become the sentence vector (default mean); several modes are concatenated. */
        public Builder pooling(List<PoolingMode> pooling) {
            this.pooling = List.copyOf(pooling);
            return this;
        }

        /** Whether the sentence vector is scaled to unit L2 length (default false). */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Recorded as the file's {@code producer_version}. */
        public Builder producerVersion(String producerVersion) {
            this.producerVersion = Objects.requireNonNull(producerVersion, "producerVersion");
            return this;
        }

        public BertOnnxWriter build() {
            return new BertOnnxWriter(this);
        }
    }
}
