package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * libtorch's fused attention, reached through its C++ entry point: values against attention computed here in
 * double precision, gradients against libtorch's step-by-step attention, and the argument checks that keep a
 * C++ exception from ever being thrown across the call.
 */
class FusedAttentionTest {

    private static final int BATCH = 3;
    private static final int HEADS = 4;
    private static final int LENGTH = 37;
    private static final int HEAD_SIZE = 16;
    /** Row 1 of the batch pads its last tokens. */
    private static final int ROW_ONE_REAL_TOKENS = 20;

    @Test
    void valuesMatchAttentionComputedInDoublePrecision() {
        assertThat(FusedAttention.available()).isTrue();
        Random random = new Random(7);
        float[] q = gaussian(random);
        float[] k = gaussian(random);
        float[] v = gaussian(random);
        double scale = 1 / Math.sqrt(HEAD_SIZE);
        try (NDManager manager = PyTorchRuntime.newManager()) {
            float[] fused = PyTorchRuntime.withGradMode(false, () -> FusedAttention.attend(
                    heads(manager, q), heads(manager, k), heads(manager, v), mask(manager), scale).toFloatArray());
            double[] expected = attentionInDouble(q, k, v, scale);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(fused[i] - expected[i]));
            }
            assertThat(worst).isLessThan(2e-6);
        }
    }

    @Test
    void gradientsMatchStepByStepAttention() {
        Random random = new Random(11);
        float[] q = gaussian(random);
        float[] k = gaussian(random);
        float[] v = gaussian(random);
        float[] outputWeights = gaussian(random);
        double scale = 1 / Math.sqrt(HEAD_SIZE);
        float[][] fused = gradients(q, k, v, outputWeights, scale, true);
        float[][] stepByStep = gradients(q, k, v, outputWeights, scale, false);
        for (int input = 0; input < 3; input++) {
            double worst = 0;
            double largest = 0;
            for (int i = 0; i < fused[input].length; i++) {
                worst = Math.max(worst, Math.abs(fused[input][i] - stepByStep[input][i]));
                largest = Math.max(largest, Math.abs(stepByStep[input][i]));
            }
            assertThat(largest).as("gradient %d is not trivially zero", input).isGreaterThan(0.1);
            assertThat(worst).as("gradient %d", input).isLessThan(1e-5);
        }
    }

    @Test
    void turnedOffByTheSystemProperty() {
        try (SystemPropertyOverride unfused =
                        SystemPropertyOverride.set(FusedAttention.PROPERTY, FusedAttention.UNFUSED);
                NDManager manager = PyTorchRuntime.newManager()) {
            assertThat(FusedAttention.available()).isFalse();
            assertThat(FusedAttention.describe()).contains("step by step");
            NDArray x = manager.zeros(new Shape(1, 1, 2, 4));
            assertThatThrownBy(() -> FusedAttention.attend(x, x, x, manager.zeros(new Shape(1, 1, 1, 2)), 1))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void argumentsThatLibtorchWouldRejectAreRefusedBeforeTheCall() {
        try (NDManager manager = PyTorchRuntime.newManager()) {
            NDArray q = manager.zeros(new Shape(2, 4, 5, 8));
            NDArray mask = manager.zeros(new Shape(2, 1, 1, 5));
            assertThatThrownBy(() -> FusedAttention.attend(q, manager.zeros(new Shape(2, 4, 5, 7)),
                    manager.zeros(new Shape(2, 4, 5, 7)), mask, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shapes");
            assertThatThrownBy(() -> FusedAttention.attend(q, q, q, manager.zeros(new Shape(2, 1, 5, 5)), 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask");
            assertThatThrownBy(() -> FusedAttention.attend(q, q, q, mask.toType(DataType.FLOAT64, false), 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32");
        }
    }

    private static float[][] gradients(float[] q, float[] k, float[] v, float[] outputWeights, double scale,
            boolean fused) {
        try (NDManager manager = PyTorchRuntime.newManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray query = heads(manager, q);
            NDArray key = heads(manager, k);
            NDArray value = heads(manager, v);
            for (NDArray input : new NDArray[] {query, key, value}) {
                input.setRequiresGradient(true);
            }
            NDArray mask = mask(manager);
            NDArray output = fused ? FusedAttention.attend(query, key, value, mask, scale)
                    : query.matMul(key.transpose(0, 1, 3, 2)).mul(scale).add(mask).softmax(-1).matMul(value);
            collector.backward(output.mul(heads(manager, outputWeights)).sum());
            return new float[][] {query.getGradient().toFloatArray(), key.getGradient().toFloatArray(),
                    value.getGradient().toFloatArray()};
        }
    }

    /** softmax(scale·Q·Kᵀ + mask)·V per row and head, in double precision, padded keys left out. */
    private static double[] attentionInDouble(float[] q, float[] k, float[] v, double scale) {
        double[] out = new double[q.length];
        for (int b = 0; b < BATCH; b++) {
            int keys = b == 1 ? ROW_ONE_REAL_TOKENS : LENGTH;
            for (int h = 0; h < HEADS; h++) {
                int base = (b * HEADS + h) * LENGTH * HEAD_SIZE;
                for (int t = 0; t < LENGTH; t++) {
                    double[] scores = new double[keys];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s < keys; s++) {
                        double dot = 0;
                        for (int d = 0; d < HEAD_SIZE; d++) {
                            dot += (double) q[base + t * HEAD_SIZE + d] * k[base + s * HEAD_SIZE + d];
                        }
                        scores[s] = scale * dot;
                        max = Math.max(max, scores[s]);
                    }
                    double total = 0;
                    for (int s = 0; s < keys; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        total += scores[s];
                    }
                    for (int s = 0; s < keys; s++) {
                        for (int d = 0; d < HEAD_SIZE; d++) {
                            out[base + t * HEAD_SIZE + d] += scores[s] / total * v[base + s * HEAD_SIZE + d];
                        }
                    }
                }
            }
        }
        return out;
    }

    private static float[] gaussian(Random random) {
        float[] values = new float[BATCH * HEADS * LENGTH * HEAD_SIZE];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static NDArray heads(NDManager manager, float[] values) {
        // Through a copy libtorch owns: backward must not read a Java buffer (see PyTorchRuntime).
        return manager.create(values, new Shape(BATCH, HEADS, LENGTH, HEAD_SIZE)).duplicate();
    }

    /** The encoder's additive mask: 0 for real tokens, the float32 minimum for row 1's padding. */
    private static NDArray mask(NDManager manager) {
        float[] values = new float[BATCH * LENGTH];
        for (int t = ROW_ONE_REAL_TOKENS; t < LENGTH; t++) {
            values[LENGTH + t] = -Float.MAX_VALUE;
        }
        return manager.create(values, new Shape(BATCH, 1, 1, LENGTH)).duplicate();
    }
}
