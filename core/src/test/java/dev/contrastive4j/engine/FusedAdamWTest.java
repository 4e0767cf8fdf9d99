package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * libtorch's fused AdamW kernel, reached through its C++ entry point: float32 updates against AdamW written out in
 * double precision, and the argument checks that keep a C++ exception from ever being thrown across the call.
 */
class FusedAdamWTest {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    @Test
    void threeUpdatesMatchAdamWInDoublePrecision() {
        assertThat(FusedAdamW.available()).isTrue();
        Random random = new Random(3);
        int size = 4 * 33; // not a multiple of the vector width, so the kernel's scalar tail runs too
        double[] theta = gaussian(random, size);
        double[] m = new double[size];
        double[] v = new double[size];
        double[] learningRates = {1e-2, 3e-3, 2e-2};
        double weightDecay = 0.1;
        try (NDManager manager = PyTorchRuntime.newManager()) {
            NDArray parameter = manager.create(toFloats(theta), new Shape(4, 33));
            NDArray firstMoment = manager.zeros(new Shape(4, 33));
            NDArray secondMoment = manager.zeros(new Shape(4, 33));
            for (int t = 1; t <= learningRates.length; t++) {
                double[] g = gaussian(random, size);
                NDArray gradient = manager.create(toFloats(g), new Shape(4, 33));
                boolean fused = FusedAdamW.update(List.of(new FusedAdamW.Group(List.of(parameter),
                        List.of(gradient), List.of(firstMoment), List.of(secondMoment), weightDecay)), t,
                        learningRates[t - 1], BETA1, BETA2, EPSILON);
                assertThat(fused).isTrue();
                adamWInDouble(theta, m, v, g, t, learningRates[t - 1], weightDecay);
            }
            assertClose(parameter.toFloatArray(), theta, 1e-6);
            assertClose(firstMoment.toFloatArray(), m, 1e-6);
            assertClose(secondMoment.toFloatArray(), v, 1e-6);
        }
    }

    @Test
    void refusesArraysTheKernelWouldMisreadAndChangesNothing() {
        try (NDManager manager = PyTorchRuntime.newManager()) {
            NDArray parameter = manager.ones(new Shape(3, 5));
            NDArray ok = manager.zeros(new Shape(3, 5));
            assertThat(fits(parameter, manager.zeros(new Shape(5, 3)))).as("another shape").isFalse();
            assertThat(fits(parameter, manager.zeros(new Shape(3, 5), DataType.FLOAT64))).as("another type")
                    .isFalse();
            assertThat(fits(parameter, manager.zeros(new Shape(5, 3)).transpose())).as("not contiguous").isFalse();
            assertThat(new FusedAdamW.Group(List.of(manager.ones(new Shape(3, 5), DataType.INT32)),
                    List.of(manager.zeros(new Shape(3, 5), DataType.INT32)), List.of(ok), List.of(ok), 0)
                    .fitsTheKernel()).as("not floating point").isFalse();
            assertThat(new FusedAdamW.Group(List.of(parameter), List.of(), List.of(ok), List.of(ok), 0)
                    .fitsTheKernel()).as("a gradient missing").isFalse();
            assertThat(new FusedAdamW.Group(List.of(), List.of(), List.of(), List.of(), 0).fitsTheKernel())
                    .as("nothing").isFalse();
            assertThat(fits(parameter, ok)).isTrue();

            // One group that does not fit: no group is updated.
            NDArray gradient = manager.ones(new Shape(3, 5));
            FusedAdamW.Group good = new FusedAdamW.Group(List.of(parameter), List.of(gradient),
                    List.of(manager.zeros(new Shape(3, 5))), List.of(manager.zeros(new Shape(3, 5))), 0);
            FusedAdamW.Group bad = new FusedAdamW.Group(List.of(manager.ones(new Shape(2))),
                    List.of(manager.zeros(new Shape(3))), List.of(manager.zeros(new Shape(2))),
                    List.of(manager.zeros(new Shape(2))), 0);
            assertThat(FusedAdamW.update(List.of(good, bad), 1, 0.1, BETA1, BETA2, EPSILON)).isFalse();
            assertThat(parameter.toFloatArray()).containsOnly(1f);
        }
    }

    @Test
    void aSystemPropertyTurnsItOff() {
        try (SystemPropertyOverride unfused = SystemPropertyOverride.set(FusedAdamW.PROPERTY, FusedAdamW.UNFUSED);
                NDManager manager = PyTorchRuntime.newManager()) {
            assertThat(FusedAdamW.available()).isFalse();
            assertThat(FusedAdamW.describe()).contains("step by step");
            NDArray a = manager.zeros(new Shape(2));
            NDArray zeros = manager.zeros(new Shape(2));
            assertThat(FusedAdamW.update(List.of(new FusedAdamW.Group(List.of(a), List.of(zeros), List.of(zeros),
                    List.of(zeros), 0)), 1, 0.1, BETA1, BETA2, EPSILON)).isFalse();
        }
    }

    /** Whether the kernel takes the parameter with {@code other} as its gradient and both moments. */
    private static boolean fits(NDArray parameter, NDArray other) {
        return new FusedAdamW.Group(List.of(parameter), List.of(other), List.of(other), List.of(other), 0)
                .fitsTheKernel();
    }

    /** torch.optim.AdamW's update, element by element, in double precision. */
    private static void adamWInDouble(double[] theta, double[] m, double[] v, double[] g, int t, double lr,
            double weightDecay) {
        double stepSize = lr / (1 - Math.pow(BETA1, t));
        double secondCorrection = Math.sqrt(1 - Math.pow(BETA2, t));
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 1 - lr * weightDecay;
            m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
            theta[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / secondCorrection + EPSILON);
        }
    }

    private static void assertClose(float[] actual, double[] expected, double tolerance) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
        }
        assertThat(worst).isLessThan(tolerance);
    }

    private static double[] gaussian(Random random, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
