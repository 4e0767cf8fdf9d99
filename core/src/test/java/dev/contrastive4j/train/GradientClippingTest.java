package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void scalesAllGradientsTogetherWhenTheGlobalNormIsTooLarge() {
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            NDArray a = manager.create(new double[] {0, 0});
            NDArray b = manager.create(new double[] {0});
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                // gradients (3, 4) and (12): global norm sqrt(9 + 16 + 144) = 13
                collector.backward(a.mul(manager.create(new double[] {3, 4})).sum().add(b.mul(12).sum()));
            }

            double norm = GradientClipping.clip(List.of(a, b), 6.5);

            assertThat(norm).isCloseTo(13.0, within(1e-12));
            double scale = 6.5 / (13.0 + 1e-6);
            assertThat(a.getGradient().toDoubleArray()).containsExactly(new double[] {3 * scale, 4 * scale}, within(1e-12));
            assertThat(b.getGradient().toDoubleArray()).containsExactly(new double[] {12 * scale}, within(1e-12));
            assertThat(GradientClipping.globalNorm(List.of(a, b))).isCloseTo(6.5, within(1e-6));
        }
    }

    @Test
    void leavesSmallGradientsAlone() {
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            NDArray a = manager.create(new double[] {0, 0});
            a.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(a.mul(manager.create(new double[] {0.3, 0.4})).sum());
            }

            assertThat(GradientClipping.clip(List.of(a), 1.0)).isCloseTo(0.5, within(1e-12));
            assertThat(a.getGradient().toDoubleArray()).containsExactly(new double[] {0.3, 0.4}, within(1e-15));
        }
    }

    @Test
    void normOfMatrixGradientsMatchesDoublePrecisionAndSeesNaN() {
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            java.util.Random random = new java.util.Random(5);
            float[] values = new float[4 * 6];
            double sumOfSquares = 0;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
                sumOfSquares += (double) values[i] * values[i];
            }
            NDArray w = manager.zeros(new ai.djl.ndarray.types.Shape(4, 6));
            w.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(w.mul(manager.create(values, w.getShape())).sum());
            }
            assertThat(GradientClipping.globalNorm(List.of(w))).isCloseTo(Math.sqrt(sumOfSquares), within(1e-5));

            values[7] = Float.NaN;
            w.getGradient().set(values);
            assertThat(GradientClipping.globalNorm(List.of(w))).isNaN();
        }
    }
}
