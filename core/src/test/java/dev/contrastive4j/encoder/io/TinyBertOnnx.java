package dev.contrastive4j.encoder.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helper: builds a small BERT encoder as torch.onnx.export writes one — named embeddings, biases and
 * LayerNorm parameters; every Linear weight an unnamed {@code onnx::MatMul_N} initializer in [in, out] layout,
 * consumed by a MatMul whose output an Add sums with the named bias; the query, key and value projections
 * reshaped into heads by a Concat of run-time sizes and constant [heads], [head_size].
 *
 * <p>The Hugging Face weights are drawn first ({@link #expected()}, [out, in]); the file stores their
 * transposes under names numbered in shuffled order, and the initializers themselves in shuffled order, so
 * neither position nor number tells which weight is which.
 */
final class TinyBertOnnx {

    int layers = 2;
    int hidden = 8;
    int heads = 2;
    int intermediate = 12;
    int vocab = 10;
    int positions = 6;
    int types = 2;
    long seed = 42;
    /** Adds a pooler as a Gemm with transB = 1, the weight stored [out, in]. */
    boolean poolerAsGemm = false;
    /** Reaches one layer's query weight through a Transpose of an [out, in] initializer. */
    boolean queryWeightBehindTranspose = false;
    /** Writes the Reshape that splits heads (else the graph does not show the number of heads). */
    boolean reshapeIntoHeads = true;
    /** Leaves out the MatMul of this Linear (e.g. "encoder.layer.1.output.dense"), keeping its bias. */
    String linearWithoutMatMul = null;
    /** Makes layer 0's key bias add to the query's MatMul product, as if two Linears shared one weight. */
    boolean keyBiasOnQueryProduct = false;
    /** Leaves out every weight of this layer. */
    int omittedLayer = -1;

    private final Map<String, FloatTensor> expected = new LinkedHashMap<>();
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private Random random;

    /** The Hugging Face weights the file encodes, drawn by the last {@link #build()}. */
    Map<String, FloatTensor> expected() {
        return expected;
    }

    byte[] build() {
        random = new Random(seed);
        expected.clear();
        nodes.clear();
        initializers.clear();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 6 * layers + 1; i++) {
            numbers.add(700 + i);
        }
        Collections.shuffle(numbers, random);

        named("embeddings.word_embeddings.weight", vocab, hidden);
        named("embeddings.position_embeddings.weight", positions, hidden);
        named("embeddings.token_type_embeddings.weight", types, hidden);
        named("embeddings.LayerNorm.weight", hidden);
        named("embeddings.LayerNorm.bias", hidden);
        initializers.add(ProtoWriter.longTensor("embeddings.position_ids", new long[] {1, positions},
                new long[positions]));
        nodes.add(ProtoWriter.node("Gather", new String[] {"embeddings.word_embeddings.weight", "input_ids"},
                new String[] {"/embeddings/words"}));
        String x = "/embeddings/LayerNorm/out";
        nodes.add(ProtoWriter.node("Add", new String[] {"/embeddings/words", "embeddings.LayerNorm.bias"},
                new String[] {x}));

        for (int l = 0; l < layers; l++) {
            if (l == omittedLayer) {
                continue;
            }
            String p = "encoder.layer." + l + ".";
            String q = linear(p + "attention.self.query", hidden, hidden, x, numbers.remove(0),
                    queryWeightBehindTranspose && l == 0);
            String k = linear(p + "attention.self.key", hidden, hidden, x, numbers.remove(0), false);
            String v = linear(p + "attention.self.value", hidden, hidden, x, numbers.remove(0), false);
            for (String projection : List.of(q, k, v)) {
                splitIntoHeads(projection);
            }
            nodes.add(ProtoWriter.node("Add", new String[] {q, v}, new String[] {projection(p, "context")}));
            String attention = linear(p + "attention.output.dense", hidden, hidden, projection(p, "context"),
                    numbers.remove(0), false);
            String normed = layerNorm(p + "attention.output.LayerNorm", attention);
            String up = linear(p + "intermediate.dense", intermediate, hidden, normed, numbers.remove(0), false);
            String down = linear(p + "output.dense", hidden, intermediate, up, numbers.remove(0), false);
            x = layerNorm(p + "output.LayerNorm", down);
        }
        if (poolerAsGemm) {
            FloatTensor w = draw(hidden, hidden);
            FloatTensor b = draw(hidden);
            expected.put("pooler.dense.weight", w);
            expected.put("pooler.dense.bias", b);
            String weightName = "onnx::Gemm_" + numbers.remove(0);
            initializers.add(ProtoWriter.floatTensor(weightName, w.shape(), w.values()));
            initializers.add(ProtoWriter.floatTensor("pooler.dense.bias", b.shape(), b.values()));
            nodes.add(ProtoWriter.node("Gemm", new String[] {x, weightName, "pooler.dense.bias"},
                    new String[] {"pooler_output"}, ProtoWriter.intAttribute("transB", 1)));
        }

        Collections.shuffle(initializers, random);
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "tiny_bert");
        initializers.forEach(t -> graph.message(5, t));
        graph.message(11, new ProtoWriter().string(1, "input_ids"));
        graph.message(12, new ProtoWriter().string(1, x));
        return ProtoWriter.model(graph);
    }

    private static String projection(String prefix, String what) {
        return "/" + prefix.replace('.', '/') + what;
    }

    /** bias + x·W, with W = Wᵀ of the drawn Hugging Face weight; returns the Add's output. */
    private String linear(String module, int out, int in, String input, int number, boolean behindTranspose) {
        FloatTensor weight = draw(out, in);
        FloatTensor bias = draw(out);
        expected.put(module + ".weight", weight);
        expected.put(module + ".bias", bias);
        initializers.add(ProtoWriter.floatTensor(module + ".bias", bias.shape(), bias.values()));
        String product = "/" + module.replace('.', '/') + "/MatMul_output_0";
        String sum = "/" + module.replace('.', '/') + "/Add_output_0";
        if (!module.equals(linearWithoutMatMul)) {
            String weightName = "onnx::MatMul_" + number;
            String operand = weightName;
            if (behindTranspose) {
                initializers.add(ProtoWriter.floatTensor(weightName, weight.shape(), weight.values()));
                operand = weightName + "_T";
                nodes.add(ProtoWriter.node("Transpose", new String[] {weightName}, new String[] {operand},
                        new ProtoWriter().string(1, "perm").int64(20, 7).int64(8, 1).int64(8, 0)));
            } else {
                FloatTensor stored = weight.transposeMatrix();
                initializers.add(ProtoWriter.floatTensor(weightName, stored.shape(), stored.values()));
            }
            nodes.add(ProtoWriter.node("MatMul", new String[] {input, operand}, new String[] {product}));
        } else {
            nodes.add(ProtoWriter.node("Relu", new String[] {input}, new String[] {product}));
        }
        if (keyBiasOnQueryProduct && module.equals("encoder.layer.0.attention.self.key")) {
            product = "/encoder/layer/0/attention/self/query/MatMul_output_0";
        }
        // the bias first, as torch.onnx.export writes it; the importer must not care
        nodes.add(ProtoWriter.node("Add", new String[] {module + ".bias", product}, new String[] {sum}));
        return sum;
    }

    /** Reshape to [batch, seq, heads, head_size]: run-time sizes concatenated with constant ones. */
    private void splitIntoHeads(String projection) {
        if (!reshapeIntoHeads) {
            return;
        }
        String shape = projection + "/Shape";
        nodes.add(ProtoWriter.node("Shape", new String[] {projection}, new String[] {shape}));
        nodes.add(ProtoWriter.node("Unsqueeze", new String[] {shape}, new String[] {shape + "/batch"}));
        nodes.add(ProtoWriter.node("Unsqueeze", new String[] {shape}, new String[] {shape + "/seq"}));
        nodes.add(ProtoWriter.node("Constant", new String[0], new String[] {shape + "/heads"},
                ProtoWriter.tensorAttribute("value", ProtoWriter.longTensor("", new long[] {1}, heads))));
        nodes.add(ProtoWriter.node("Constant", new String[0], new String[] {shape + "/size"},
                ProtoWriter.tensorAttribute("value", ProtoWriter.longTensor("", new long[] {1}, hidden / heads))));
        nodes.add(ProtoWriter.node("Concat", new String[] {shape + "/batch", shape + "/seq", shape + "/heads",
                shape + "/size"}, new String[] {shape + "/concat"}, ProtoWriter.intAttribute("axis", 0)));
        nodes.add(ProtoWriter.node("Reshape", new String[] {projection, shape + "/concat"},
                new String[] {projection + "/heads"}));
    }

    private String layerNorm(String module, String input) {
        named(module + ".weight", hidden);
        named(module + ".bias", hidden);
        String scaled = "/" + module.replace('.', '/') + "/Mul_output_0";
        String shifted = "/" + module.replace('.', '/') + "/Add_1_output_0";
        nodes.add(ProtoWriter.node("Mul", new String[] {input, module + ".weight"}, new String[] {scaled}));
        nodes.add(ProtoWriter.node("Add", new String[] {scaled, module + ".bias"}, new String[] {shifted}));
        return shifted;
    }

    private void named(String name, int... dims) {
        FloatTensor t = draw(dims);
        expected.put(name, t);
        initializers.add(ProtoWriter.floatTensor(name, t.shape(), t.values()));
    }

    private FloatTensor draw(int... dims) {
        long[] shape = Arrays.stream(dims).asLongStream().toArray();
        float[] values = new float[(int) FloatTensor.elementCount(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new FloatTensor(shape, values);
    }
}
