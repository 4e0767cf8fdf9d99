package dev.contrastive4j.losses.ranking;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Embedder;
import java.util.List;
import java.util.Random;

/**
 * A small trainable {@link Embedder} for tests of encoder-level losses: each text maps to a fixed random
 * feature vector (seeded by the text's hash), then {@code Linear → tanh → Dropout(0.1) → Linear}.
 *
 * <p>Both passes run in training mode, so dropout is active in both; the dropout seed is set on the engine
 * right before each forward pass, so equal texts with an equal seed give equal embeddings.
 * {@link #embedDetached} switches PyTorch's grad mode off for its forward pass (it may run inside an open
 * gradient collector) and restores it afterwards.
 */
final class TinyEncoder implements Embedder, AutoCloseable {

    static final int FEATURES = 8;
    static final int HIDDEN = 16;
    static final int DIMENSION = 6;
    static final float DROPOUT = 0.1f;

    private final NDManager manager;
    private final SequentialBlock block;
    private final ParameterStore parameterStore;

    /** A model whose weights are drawn from {@code initSeed}. */
    TinyEncoder(int initSeed) {
        Engine engine = PyTorchRuntime.engine();
        manager = engine.newBaseManager();
        block = new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::tanh)
                .add(Dropout.builder().optRate(DROPOUT).build())
                .add(Linear.builder().setUnits(DIMENSION).build());
        block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
        block.setInitializer(new NormalInitializer(0.1f), Parameter.Type.BIAS);
        engine.setRandomSeed(initSeed);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, FEATURES));
        parameterStore = new ParameterStore(manager, false);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public NDArray embedDetached(List<String> texts, NDManager target, long dropoutSeed) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return forward(texts, target, dropoutSeed);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public NDArray embedWithGradient(List<String> texts, NDManager target, long dropoutSeed) {
        return forward(texts, target, dropoutSeed);
    }

    private NDArray forward(List<String> texts, NDManager target, long dropoutSeed) {
        NDArray features = target.create(features(texts));
        Engine.getInstance().setRandomSeed(Long.hashCode(dropoutSeed));
        return block.forward(parameterStore, new NDList(features), true).singletonOrThrow();
    }

    private static float[][] features(List<String> texts) {
        float[][] rows = new float[texts.size()][FEATURES];
        for (int r = 0; r < rows.length; r++) {
            Random random = new Random(texts.get(r).hashCode());
            for (int k = 0; k < FEATURES; k++) {
                rows[r][k] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    /** Every parameter's accumulated gradient, concatenated in the block's parameter order. */
    double[] parameterGradients() {
        return block.getParameters().values().stream()
                .flatMapToDouble(p -> java.util.Arrays.stream(
                        p.getArray().getGradient().toType(DataType.FLOAT64, false).toDoubleArray()))
                .toArray();
    }

    /** Sets every parameter's gradient to zero (PyTorch accumulates across backward passes). */
    void zeroGradients() {
        for (Parameter parameter : block.getParameters().values()) {
            NDArray gradient = parameter.getArray().getGradient();
            gradient.subi(gradient);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
