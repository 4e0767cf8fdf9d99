package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.GraphScalars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A two-layer model with dropout over fixed random text features: small enough that a training step takes
 * milliseconds, real enough (parameters, graph, dropout, seeds) to test the training loop. Counts its passes.
 */
final class ToyModel implements TrainableModel, AutoCloseable {

    static final int FEATURES = 8;
    static final int HIDDEN = 6;
    static final int DIMENSION = 4;
    static final float DROPOUT = 0.1f;

    private final NDManager manager;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    final AtomicInteger passesWithGradient = new AtomicInteger();
    final AtomicInteger detachedPasses = new AtomicInteger();

    ToyModel(long seed) {
        manager = PyTorchRuntime.engine().newBaseManager();
        Random random = new Random(seed);
        parameters.put("dense1.weight", parameter(random, HIDDEN, FEATURES));
        parameters.put("dense1.bias", parameter(random, HIDDEN));
        parameters.put("dense2.weight", parameter(random, DIMENSION, HIDDEN));
        parameters.put("dense2.bias", parameter(random, DIMENSION));
    }

    private NDArray parameter(Random random, long... shape) {
        int size = (int) new Shape(shape).size();
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextGaussian() * 0.5);
        }
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        return array;
    }

    /** Each text's fixed input features, drawn from a generator seeded by the text. */
    private static NDArray features(List<String> texts, NDManager target) {
        float[] values = new float[texts.size() * FEATURES];
        for (int t = 0; t < texts.size(); t++) {
            Random random = new Random(texts.get(t).hashCode());
            for (int f = 0; f < FEATURES; f++) {
                values[t * FEATURES + f] = (float) random.nextGaussian();
            }
        }
        return target.create(values, new Shape(texts.size(), FEATURES));
    }

    private NDArray forward(List<String> texts, NDManager target, boolean dropout, long seed) {
        NDArray x = features(texts, target);
        NDArray hidden = x.matMul(parameters.get("dense1.weight").transpose()).add(parameters.get("dense1.bias")).tanh();
        if (dropout) {
            PyTorchRuntime.seedRandom(seed);
            NDArray keep = target.randomUniform(0f, 1f, hidden.getShape()).gt(DROPOUT).toType(DataType.FLOAT32, false);
            // A PyTorch-owned divisor: backward reads it (see GraphScalars).
            hidden = hidden.mul(keep).div(GraphScalars.of(hidden, 1 - DROPOUT));
        }
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
        detachedPasses.incrementAndGet();
        return PyTorchRuntime.withGradMode(false, () -> forward(texts, target, true, dropoutSeed));
    }

    @Override
    public NDArray embedWithGradient(List<String> texts, NDManager target, long dropoutSeed) {
        passesWithGradient.incrementAndGet();
        return forward(texts, target, true, dropoutSeed);
    }

    @Override
    public Map<String, NDArray> trainableParameters() {
        return parameters;
    }

    @Override
    public float[][] encode(List<String> texts) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray out = PyTorchRuntime.withGradMode(false, () -> forward(texts, scratch, false, 0));
            float[] flat = out.toFloatArray();
            float[][] rows = new float[texts.size()][DIMENSION];
            for (int t = 0; t < texts.size(); t++) {
                System.arraycopy(flat, t * DIMENSION, rows[t], 0, DIMENSION);
            }
            return rows;
        }
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        StringBuilder text = new StringBuilder();
        parameters.forEach((name, array) -> text.append(name).append(' ')
                .append(java.util.Arrays.toString(array.toFloatArray())).append('\n'));
        Files.writeString(folder.resolve("toy-model.txt"), text);
    }

    /** A copy of every parameter's values. */
    Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        parameters.forEach((name, array) -> copy.put(name, array.toFloatArray()));
        return copy;
    }

    /** A copy of every parameter's accumulated gradient. */
    Map<String, float[]> gradients() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        parameters.forEach((name, array) -> {
            try (NDArray g = array.getGradient()) {
                copy.put(name, g.toFloatArray());
            }
        });
        return copy;
    }

    @Override
    public void close() {
        manager.close();
    }
}
