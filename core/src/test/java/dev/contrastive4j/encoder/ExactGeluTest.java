package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import org.junit.jupiter.api.Test;

/**
 * BERT's {@code hidden_act: "gelu"} is {@code x·Φ(x) = 0.5·x·(1 + erf(x/√2))}. {@link BertLayer} relies on
 * DJL's {@link Activation#gelu} being that exact form on the PyTorch engine, not the tanh approximation
 * {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, which gives 0.8411920 at x = 1 instead of 0.8413447.
 */
class ExactGeluTest {

    @Test
    void djlGeluOnPyTorchIsTheErfFormNotTheTanhApproximation() {
        // x·Φ(x) with Φ from standard normal tables: Φ(-1) = 0.158655253931457, Φ(0.5) = 0.691462461274013,
        // Φ(1) = 0.841344746068543, Φ(2) = 0.977249868051821.
        float[] x = {-1f, 0f, 0.5f, 1f, 2f};
        double[] expected = {-0.158655253931457, 0, 0.5 * 0.691462461274013, 0.841344746068543, 2 * 0.977249868051821};
        try (NDManager manager = PyTorchRuntime.newManager()) {
            float[] actual = Activation.gelu(manager.create(x)).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertThat((double) actual[i]).as("gelu(%s)", x[i]).isCloseTo(expected[i], within(1e-6));
            }
        }
    }
}
