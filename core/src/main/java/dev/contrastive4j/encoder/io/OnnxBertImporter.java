package dev.contrastive4j.encoder.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a BERT encoder exported to ONNX (e.g. by {@code torch.onnx.export} of a Hugging Face {@code BertModel})
 * into {@link BertWeights}: Hugging Face names, Hugging Face layout.
 *
 * <p>In such an export the embeddings, biases and LayerNorm parameters keep their Hugging Face names, but each
 * Linear weight becomes an unnamed {@code onnx::MatMul_N} initializer in {@code [in, out]} layout. Each one is
 * identified by following the graph, never by position or by the number in its name: the named bias
 * {@code P.bias} is added (by an {@code Add} node) to the output of a {@code MatMul}, and that MatMul's
 * constant operand is the weight {@code P.weight}, transposed to {@code [out, in]}. A {@code Gemm} carrying
 * the bias as its third input and a weight behind a {@code Transpose} are understood too.
 *
 * <p>The number of attention heads is not in the weights. It is read from the graph: a {@code num_heads}
 * attribute (fused attention operators), or else the constant {@code [.., heads, head_size]} tail of the shape
 * that reshapes each query projection into heads. It can also be given; if the graph says otherwise, that is
 * an error.
 */
public final class OnnxBertImporter {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxBertImporter.class);

    private final OnnxModel model;
    private final String source;
    /** Value name → the node producing it. */
    private final Map<String, OnnxNode> producers = new HashMap<>();
    /** Value name → the nodes consuming it. */
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();

    private OnnxBertImporter(OnnxModel model) {
        this.model = model;
        this.source = model.source();
        for (OnnxNode node : model.graph().nodes()) {
            node.outputs().forEach(output -> producers.put(output, node));
            node.inputs().stream().distinct()
                    .forEach(input -> consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node));
        }
    }

    /** Imports a file, reading the number of heads from its graph. */
    public static BertWeights importFile(Path onnxFile) {
        return importModel(OnnxReader.read(onnxFile), OptionalInt.empty());
    }

    /** Imports a file whose encoder has {@code numHeads} attention heads. */
    public static BertWeights importFile(Path onnxFile, int numHeads) {
        return importModel(OnnxReader.read(onnxFile), OptionalInt.of(numHeads));
    }

    /**
     * Imports a model already read.
     *
     * @param numHeads the number of attention heads; when empty, read from the graph
     * @throws ModelFormatException if the graph is not a complete BERT encoder, a Linear bias has no weight, or
     *     the number of heads is neither given nor found in the graph (or contradicts the graph)
     */
    public static BertWeights importModel(OnnxModel model, OptionalInt numHeads) {
        return new OnnxBertImporter(model).run(numHeads);
    }

    private BertWeights run(OptionalInt givenHeads) {
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        Map<String, String> initializerOf = new HashMap<>();
        for (OnnxTensor initializer : model.graph().initializers().values()) {
            String name = BertWeightNames.normalize(initializer.name());
            if (!BertWeightNames.isBertName(name)) {
                continue;
            }
            if (!initializer.isFloat()) {
                LOG.debug("{}: skipping non-float initializer {}", source, initializer);
                continue;
            }
            if (initializerOf.putIfAbsent(name, initializer.name()) != null) {
                throw new ModelFormatException(source + ": initializers '" + initializerOf.get(name) + "' and '"
                        + initializer.name() + "' both stand for '" + name + "'");
            }
            weights.put(name, initializer.toFloatTensor());
        }
        Map<String, String> biasOfWeight = new HashMap<>();
        for (String biasName : new ArrayList<>(weights.keySet())) {
            if (BertWeightNames.isLinearBias(biasName)) {
                String weightName = biasName.substring(0, biasName.length() - "bias".length()) + "weight";
                LinearWeight found = linearWeight(initializerOf.get(biasName), weights.get(biasName));
                String claimed = biasOfWeight.putIfAbsent(found.initializer(), biasName);
                if (claimed != null) {
                    throw new ModelFormatException(source + ": the graph adds both '" + claimed + "' and '" + biasName
                            + "' to a product with '" + found.initializer() + "'; each Linear needs its own weight");
                }
                String named = initializerOf.get(weightName);
                if (named != null && !named.equals(found.initializer())) {
                    throw new ModelFormatException(source + ": initializer '" + named + "' is named like the weight "
                            + "of '" + biasName + "', but the graph multiplies by '" + found.initializer() + "'");
                }
                weights.put(weightName, found.weight());
            }
        }
        // a first pass with one head checks the weights and gives the hidden size the heads must divide
        int hidden = BertDimensions.infer(weights, 1, source).hiddenSize();
        BertDimensions dimensions = BertDimensions.infer(weights, heads(givenHeads, hidden), source);
        Map<String, FloatTensor> ordered = new LinkedHashMap<>();
        for (String name : BertWeightNames.expectedNames(dimensions.numLayers(), dimensions.hasPooler())) {
            ordered.put(name, weights.remove(name));
        }
        if (!weights.isEmpty()) {
            LOG.debug("{}: ignoring tensors that are not BERT encoder weights: {}", source, weights.keySet());
        }
        return new BertWeights(ordered, dimensions);
    }

    /** The weight of a Linear, found from the node that consumes its bias, and its initializer's name. */
    private record LinearWeight(FloatTensor weight, String initializer) {
    }

    private LinearWeight linearWeight(String biasInitializer, FloatTensor bias) {
        String where = source + ": bias '" + biasInitializer + "'";
        if (bias.rank() != 1) {
            throw new ModelFormatException(where + " has shape " + Arrays.toString(bias.shape()) + ", expected [out]");
        }
        List<OnnxNode> users = consumers.getOrDefault(biasInitializer, List.of());
        if (users.isEmpty()) {
            throw new ModelFormatException(where + " is not used by any node, so its weight cannot be found");
        }
        if (users.size() != 1) {
            throw new ModelFormatException(where + " should feed exactly one Add or Gemm node, found "
                    + users.stream().map(OnnxNode::describe).toList());
        }
        OnnxNode user = users.get(0);
        LinearWeight found;
        if (user.opType().equals("Gemm") && user.inputs().size() == 3
                && user.inputs().get(2).equals(biasInitializer)) {
            for (String scale : List.of("alpha", "beta")) {
                float factor = user.attribute(scale).flatMap(OnnxAttribute::floatValue).orElse(1f);
                if (factor != 1f) {
                    throw new ModelFormatException(where + ": " + user.describe() + " scales by " + scale + " = "
                            + factor + "; expected a plain Linear");
                }
            }
            boolean transposed = user.attribute("transB").flatMap(a -> boxed(a.intValue())).orElse(0L) != 0;
            found = constantOperand(user.inputs().get(1), where, user);
            // Gemm computes A·B, or A·Bᵀ with transB: B is then already [out, in]
            found = transposed ? found : new LinearWeight(found.weight().transposeMatrix(), found.initializer());
        } else if (user.opType().equals("Add") && user.inputs().size() == 2) {
            String product = user.inputs().get(0).equals(biasInitializer) ? user.inputs().get(1) : user.inputs().get(0);
            OnnxNode matMul = producers.get(product);
            if (matMul == null || !matMul.opType().equals("MatMul") || matMul.inputs().size() != 2) {
                throw new ModelFormatException(where + " is added to '" + product + "', which "
                        + (matMul == null ? "no node produces" : "comes from " + matMul.describe())
                        + "; expected the output of a MatMul with the Linear weight");
            }
            if (constant(matMul.inputs().get(0)).isPresent()) {
                throw new ModelFormatException(where + ": " + matMul.describe() + " multiplies a constant from the "
                        + "left; expected activations · weight");
            }
            found = constantOperand(matMul.inputs().get(1), where, matMul);
            // MatMul computes x·W with W [in, out]; Hugging Face keeps [out, in]
            found = new LinearWeight(found.weight().transposeMatrix(), found.initializer());
        } else {
            throw new ModelFormatException(where + " feeds " + user.describe()
                    + "; expected an Add after a MatMul, or a Gemm");
        }
        long[] shape = found.weight().shape();
        if (shape[0] != bias.dim(0)) {
            throw new ModelFormatException(where + ": the graph's weight '" + found.initializer() + "' gives "
                    + shape[0] + " outputs (shape [out, in] " + Arrays.toString(shape) + "), but the bias has "
                    + bias.dim(0));
        }
        return found;
    }

    /**
     * The weight operand of a MatMul or Gemm as it is stored: an initializer, or an initializer behind a
     * Transpose node (returned already transposed, i.e. as the operand the operator sees).
     */
    private LinearWeight constantOperand(String value, String where, OnnxNode user) {
        Optional<OnnxTensor> direct = initializer(value);
        if (direct.isPresent()) {
            return new LinearWeight(matrix(direct.get(), where), direct.get().name());
        }
        OnnxNode transpose = producers.get(value);
        if (transpose != null && transpose.opType().equals("Transpose") && transpose.inputs().size() == 1) {
            List<Long> perm = transpose.attribute("perm").map(OnnxAttribute::ints).orElse(List.of());
            Optional<OnnxTensor> stored = initializer(transpose.inputs().get(0));
            if (stored.isPresent() && (perm.isEmpty() || perm.equals(List.of(1L, 0L)))) {
                return new LinearWeight(matrix(stored.get(), where).transposeMatrix(), stored.get().name());
            }
        }
        throw new ModelFormatException(where + ": " + user.describe() + " takes its weight from '" + value
                + "', which is not a constant matrix");
    }

    private FloatTensor matrix(OnnxTensor tensor, String where) {
        if (!tensor.isFloat() || tensor.dims().length != 2) {
            throw new ModelFormatException(where + ": weight '" + tensor.name() + "' of data type "
                    + tensor.dataType() + " and shape " + Arrays.toString(tensor.dims()) + " is not a float matrix");
        }
        return tensor.toFloatTensor();
    }

    private int heads(OptionalInt given, int hidden) {
        OptionalInt found = headsFromGraph(hidden);
        if (given.isPresent()) {
            if (found.isPresent() && found.getAsInt() != given.getAsInt()) {
                throw new ModelFormatException(source + ": " + given.getAsInt() + " attention heads were given, "
                        + "but the graph splits attention into " + found.getAsInt());
            }
            return given.getAsInt();
        }
        return found.orElseThrow(() -> new ModelFormatException(source + ": the graph does not show the number "
                + "of attention heads; give it explicitly"));
    }

    private OptionalInt headsFromGraph(long hidden) {
        TreeSet<Long> found = new TreeSet<>();
        for (OnnxNode node : model.graph().nodes()) {
            node.attribute("num_heads").flatMap(a -> boxed(a.intValue())).ifPresent(found::add);
        }
        if (found.isEmpty()) {
            for (OnnxTensor initializer : model.graph().initializers().values()) {
                String name = BertWeightNames.normalize(initializer.name());
                if (name.matches("encoder\\.layer\\.\\d+\\.attention\\.self\\.query\\.bias")) {
                    headsOfReshapes(initializer.name(), hidden).ifPresent(found::add);
                }
            }
        }
        if (found.size() > 1) {
            throw new ModelFormatException(source + ": the graph splits attention into different numbers of heads "
                    + found);
        }
        return found.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Math.toIntExact(found.first()));
    }

    /**
     * Heads from the Reshape that splits the query projection {@code bias + x·W} into
     * {@code [batch, seq, heads, head_size]}, when the last two entries of its target shape are constants whose
     * product is the hidden size.
     */
    private Optional<Long> headsOfReshapes(String queryBias, long hidden) {
        for (OnnxNode add : consumers.getOrDefault(queryBias, List.of())) {
            for (String projection : add.outputs()) {
                for (OnnxNode reshape : consumers.getOrDefault(projection, List.of())) {
                    if (reshape.opType().equals("Reshape") && reshape.inputs().size() == 2
                            && reshape.inputs().get(0).equals(projection)) {
                        long[] tail = constantShapeTail(reshape.inputs().get(1));
                        if (tail.length == 2 && tail[0] > 0 && tail[1] > 0 && tail[0] * tail[1] == hidden) {
                            return Optional.of(tail[0]);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The constant last two entries of a shape vector: a constant itself, or a {@code Concat} whose last inputs
     * are constants (the leading batch and sequence sizes being computed at run time). Empty if not constant.
     */
    private long[] constantShapeTail(String shape) {
        List<Long> tail = new ArrayList<>();
        Optional<OnnxTensor> whole = constant(shape);
        if (whole.isPresent()) {
            if (!appendLongs(whole.get(), tail)) {
                return new long[0];
            }
        } else {
            OnnxNode concat = producers.get(shape);
            if (concat == null || !concat.opType().equals("Concat")) {
                return new long[0];
            }
            List<String> parts = concat.inputs();
            for (int i = parts.size() - 1; i >= 0 && tail.size() < 2; i--) {
                Optional<OnnxTensor> part = constant(parts.get(i));
                List<Long> values = new ArrayList<>();
                if (part.isEmpty() || !appendLongs(part.get(), values)) {
                    break;
                }
                tail.addAll(0, values);
            }
        }
        if (tail.size() < 2) {
            return new long[0];
        }
        return new long[] {tail.get(tail.size() - 2), tail.get(tail.size() - 1)};
    }

    /** Appends a small integer constant's values; returns false (appending nothing) for any other tensor. */
    private static boolean appendLongs(OnnxTensor tensor, List<Long> out) {
        if (!OnnxTensor.isIntegerType(tensor.dataType()) || tensor.elementCount() > 16) {
            return false;
        }
        for (long v : tensor.toLongs()) {
            out.add(v);
        }
        return true;
    }

    /** A constant value: an initializer, or the output of a {@code Constant} node with a tensor value. */
    private Optional<OnnxTensor> constant(String value) {
        Optional<OnnxTensor> initializer = initializer(value);
        if (initializer.isPresent()) {
            return initializer;
        }
        OnnxNode node = producers.get(value);
        if (node != null && node.opType().equals("Constant")) {
            return node.attribute("value").flatMap(OnnxAttribute::tensor);
        }
        return Optional.empty();
    }

    private Optional<OnnxTensor> initializer(String value) {
        return Optional.ofNullable(model.graph().initializers().get(value));
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }
}
