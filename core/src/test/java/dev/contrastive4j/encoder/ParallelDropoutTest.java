package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.contrastive4j.engine.DropoutMasks;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.engine.SystemPropertyOverride;
import org.junit.jupiter.api.Test;

/** Dropout as torch computes it: kept values scaled by 1/(1 − rate), dropped ones 0, the gradient the same mask. */
class ParallelDropoutTest {

    @Test
    void scalesKeptValuesAndPassesGradientsThroughTheSameMask() {
        double rate = 0.25;
        try (NDManager manager = PyTorchRuntime.newManager()) {
            NDArray x = manager.arange(1f, 4001f).reshape(40, 100);
            x.setRequiresGradient(true);
            ParallelDropout dropout = new ParallelDropout(rate);
            PyTorchRuntime.seedRandom(5);
            float[] out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = dropout.forward(new ParameterStore(manager, false), new NDList(x), true).head();
                out = y.toFloatArray();
                // Another mask drawn before backward must not disturb the one backward reads.
                dropout.forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(40, 100))),
                        true);
                collector.backward(y.sum());
            }
            float[] in = x.toFloatArray();
            float[] gradient = x.getGradient().toFloatArray();
            int dropped = 0;
            for (int i = 0; i < in.length; i++) {
                if (out[i] == 0) {
                    dropped++;
                    assertThat(gradient[i]).isZero();
                } else {
                    assertThat((double) out[i]).isCloseTo(in[i] / (1 - rate), within(in[i] * 1e-6));
                    assertThat((double) gradient[i]).isCloseTo(1 / (1 - rate), within(1e-6));
                }
            }
            assertThat(dropped).isBetween(900, 1100); // 1,000 expected, sigma 27

            PyTorchRuntime.seedRandom(5);
            float[] again = dropout.forward(new ParameterStore(manager, false), new NDList(x), true).head()
                    .toFloatArray();
            assertThat(again).as("reseeded: the same mask").containsExactly(out);
            assertThat(dropout.forward(new ParameterStore(manager, false), new NDList(x), false).head()
                    .toFloatArray()).as("inference").containsExactly(in);
        }
    }

    @Test
    void aSystemPropertyLeavesTheMasksToLibtorch() {
        try (SystemPropertyOverride libtorch = SystemPropertyOverride.set(DropoutMasks.PROPERTY, DropoutMasks.LIBTORCH);
                NDManager manager = PyTorchRuntime.newManager()) {
            assertThat(DropoutMasks.describe()).contains("libtorch");
            NDArray x = manager.ones(new Shape(50, 100));
            ParallelDropout dropout = new ParallelDropout(0.5);
            PyTorchRuntime.seedRandom(9);
            float[] first = dropout.forward(new ParameterStore(manager, false), new NDList(x), true).head()
                    .toFloatArray();
            PyTorchRuntime.seedRandom(9);
            DropoutMasks.seed(1); // libtorch's masks do not follow this stream
            float[] second = dropout.forward(new ParameterStore(manager, false), new NDList(x), true).head()
                    .toFloatArray();
            assertThat(second).containsExactly(first);
            assertThat(first).containsOnly(0f, 2f).contains(0f, 2f);
        }
    }

    @Test
    void rateOneDropsEverything() {
        try (NDManager manager = PyTorchRuntime.newManager()) {
            NDArray x = manager.ones(new Shape(3, 3));
            NDArray y = new ParallelDropout(1).forward(new ParameterStore(manager, false), new NDList(x), true).head();
            assertThat(y.toFloatArray()).containsOnly(0f);
        }
    }
}
