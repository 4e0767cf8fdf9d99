package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.encoder.io.ModelFormatException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moves weights between a {@link BertModelBlock} and a map of Hugging Face-named tensors (the content of a
 * {@code model.safetensors}, or of an ONNX file's initializers once renamed).
 */
public final class BlockWeights {

    /**
     * Tensors a {@code BertModel} checkpoint may hold that are not weights: {@code position_ids} is the
     * constant {@code 0..max_position_embeddings-1}, rebuilt on every forward pass.
     */
    static final Set<String> IGNORED_BUFFERS = Set.of("embeddings.position_ids");

    private static final int NAMES_SHOWN = 5;

    private BlockWeights() {}

    /**
     * Copies every tensor into the parameter of the same name, after checking that the names are exactly the
     * block's names and each shape equals the parameter's shape.
     *
     * @param source names the file the tensors came from, in error messages
     * @throws ModelFormatException naming the missing or unexpected tensors, or the tensor whose shape differs
     *     and both shapes; the block is left unchanged then
     */
    public static void load(BertModelBlock block, Map<String, FloatTensor> tensors, String source) {
        Map<String, Parameter> parameters = block.parametersByHfName();
        Set<String> missing = new TreeSet<>(parameters.keySet());
        missing.removeAll(tensors.keySet());
        Set<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(parameters.keySet());
        unexpected.removeAll(IGNORED_BUFFERS);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) {
                problems.add(missing.size() + " missing tensor(s) " + abbreviate(missing));
            }
            if (!unexpected.isEmpty()) {
                problems.add(unexpected.size() + " unexpected tensor(s) " + abbreviate(unexpected));
            }
            throw new ModelFormatException(source + ": expected the " + parameters.size()
                    + " tensors of a " + block.config().numHiddenLayers() + "-layer BERT"
                    + (block.hasPooler() ? " with pooler" : "") + ", found " + String.join(" and ", problems));
        }
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            long[] expected = entry.getValue().getArray().getShape().getShape();
            long[] found = tensors.get(entry.getKey()).shape();
            if (!Arrays.equals(expected, found)) {
                throw new ModelFormatException(source + ": tensor '" + entry.getKey() + "' has shape "
                        + Arrays.toString(found) + ", the model expects " + Arrays.toString(expected));
            }
        }
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            NDArray array = entry.getValue().getArray();
            array.set(FloatBuffer.wrap(tensors.get(entry.getKey()).values()));
        }
    }

    /** Every parameter of the block as a float32 tensor under its Hugging Face name, in state-dict order. */
    public static Map<String, FloatTensor> export(BertModelBlock block) {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : block.parametersByHfName().entrySet()) {
            NDArray array = entry.getValue().getArray();
            tensors.put(entry.getKey(), new FloatTensor(array.getShape().getShape(), array.toFloatArray()));
        }
        return tensors;
    }

    /**
     * Random weights for the block's parameters, reproducible from {@code seed} on any machine (drawn in Java,
     * not by the engine): Hugging Face's initialisation, i.e. N(0, 0.02²) for matrices and embedding tables,
     * 0 for biases, 1 and 0 for LayerNorm scale and shift.
     */
    public static Map<String, FloatTensor> random(BertModelBlock block, long seed) {
        Random random = new Random(seed);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : block.parametersByHfName().entrySet()) {
            String name = entry.getKey();
            long[] shape = entry.getValue().getArray().getShape().getShape();
            float[] values = new float[Math.toIntExact(FloatTensor.elementCount(shape))];
            if (name.contains("LayerNorm.weight")) {
                Arrays.fill(values, 1f);
            } else if (name.endsWith(".weight")) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * 0.02);
                }
            }
            tensors.put(name, new FloatTensor(shape, values));
        }
        return tensors;
    }

    private static String abbreviate(Set<String> names) {
        List<String> shown = names.stream().limit(NAMES_SHOWN).toList();
        return shown + (names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : "");
    }
}
