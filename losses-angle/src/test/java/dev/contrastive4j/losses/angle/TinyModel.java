package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.train.TrainableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A trainable two-layer model over fixed random text features ({@code tanh(x W1ᵀ + b1) W2ᵀ + b2}), small
 * enough for a step to take milliseconds. It has no dropout, so its embeddings do not depend on the seed. It
 * records every text it embeds with a graph.
 */
final class TinyModel implements TrainableModel, AutoCloseable {

    static final int FEATURES = 8;
    static final int HIDDEN = 6;
    static final int DIMENSION = 4;

    private final NDManager manager = PyTorchRuntime.engine().newBaseManager();
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    /** The texts of every {@link #embedWithGradient} call, one list per call. */
    final List<List<String>> passesWithGradient = new ArrayList<>();
    int detachedPasses;

    TinyModel(long seed) {
        Random random = new Random(seed);
        parameters.put("dense1.weight", parameter(random, HIDDEN, FEATURES));
        parameters.put("dense1.bias", parameter(random, HIDDEN));
        parameters.put("dense2.weight", parameter(random, DIMENSION, HIDDEN));
        parameters.put("dense2.bias", parameter(random, DIMENSION));
    }

    private NDArray parameter(Random random, long... shape) {
        float[] values = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.5);
        }
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        return array;
    }

    private NDArray forward(List<String> texts, NDManager target) {
        float[] features = new float[texts.size() * FEATURES];
        for (int t = 0; t < texts.size(); t++) {
            Random random = new Random(texts.get(t).hashCode());
            for (int f = 0; f < FEATURES; f++) {
                features[t * FEATURES + f] = (float) random.nextGaussian();
            }
        }
        NDArray x = target.create(features, new Shape(texts.size(), FEATURES));
        NDArray hidden = x.matMul(parameters.get("dense1.weight").transpose()).add(parameters.get("dense1.bias")).tanh();
        NDArray out = hidden.matMul(parameters.get("dense2.weight").transpose()).add(parameters.get("dense2.bias"));
        out.attach(target);
        return out;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public NDArray embedDetached(List<String> texts, NDManager target, long dropoutSeed) {
        detachedPasses++;
        return PyTorchRuntime.withGradMode(false, () -> forward(texts, target));
    }

    @Override
    public NDArray embedWithGradient(List<String> texts, NDManager target, long dropoutSeed) {
        passesWithGradient.add(List.copyOf(texts));
        return forward(texts, target);
    }

    @Override
    public Map<String, NDArray> trainableParameters() {
        return parameters;
    }

    @Override
    public float[][] encode(List<String> texts) {
        try (NDManager scratch = manager.newSubManager()) {
            float[] flat = PyTorchRuntime.withGradMode(false, () -> forward(texts, scratch)).toFloatArray();
            float[][] rows = new float[texts.size()][];
            for (int t = 0; t < texts.size(); t++) {
                rows[t] = Arrays.copyOfRange(flat, t * DIMENSION, (t + 1) * DIMENSION);
            }
            return rows;
        }
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        StringBuilder text = new StringBuilder();
        parameters.forEach((name, array) -> text.append(name).append(' ')
                .append(Arrays.toString(array.toFloatArray())).append('\n'));
        Files.writeString(folder.resolve("tiny-model.txt"), text);
    }

    /** A copy of every parameter's accumulated gradient. */
    Map<String, float[]> gradients() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        parameters.forEach((name, array) -> {
            try (NDArray gradient = array.getGradient()) {
                copy.put(name, gradient.toFloatArray());
            }
        });
        return copy;
    }

    @Override
    public void close() {
        manager.close();
    }
}
