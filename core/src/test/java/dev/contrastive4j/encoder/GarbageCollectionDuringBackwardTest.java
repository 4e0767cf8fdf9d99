package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Gradients do not depend on when the garbage collector runs. DJL's PyTorch engine backs an array made from
 * Java data (token ids, and the scalar that {@code x.mul(2)} turns into an array for a moment) with a direct
 * buffer that only the Java object keeps alive, while the autograd graph may keep the tensor until backward.
 * If the collector frees the buffer in between, backward reads freed memory: wrong gradients or NaN. Here a
 * thread runs the collector without pause while the encoder's forward and backward passes run.
 */
class GarbageCollectionDuringBackwardTest {

    private static final List<String> TEXTS = List.of("the cat sat on the mat", "a dog ran", "big red bird",
            "the mat", "a cat and a dog sat on a big red mat");

    @Test
    void gradientsAreTheSameWhileTheCollectorRunsWithoutPause() throws InterruptedException {
        try (SentenceEncoder encoder = TinyBert.create(4, 0.0)) {
            Map<String, float[]> quiet = gradients(encoder);
            assertThat(quiet.values()).allSatisfy(g -> assertThat(allFinite(g)).isTrue());

            AtomicBoolean stop = new AtomicBoolean();
            Thread collector = new Thread(() -> {
                while (!stop.get()) {
                    System.gc();
                    LockSupport.parkNanos(1_000_000);
                }
            }, "gc-storm");
            collector.setDaemon(true);
            collector.start();
            try {
                for (int round = 0; round < 2; round++) {
                    Map<String, float[]> stormy = gradients(encoder);
                    for (Map.Entry<String, float[]> entry : quiet.entrySet()) {
                        assertThat(stormy.get(entry.getKey())).as("round %d, gradient of %s", round, entry.getKey())
                                .containsExactly(entry.getValue(), within(1e-6f));
                    }
                }
            } finally {
                stop.set(true);
                collector.join();
            }
        }
    }

    /**
     * The gradient of a fixed linear function of the embeddings, by parameter. Every array of the pass is
     * closed before backward, as a loss's scratch arrays are; only the graph keeps what backward needs.
     */
    private static Map<String, float[]> gradients(SentenceEncoder encoder) throws InterruptedException {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        try (NDManager step = PyTorchRuntime.newManager();
                GradientCollector collector = PyTorchRuntime.engine().newGradientCollector()) {
            float[] weights = new float[TEXTS.size() * encoder.dimension()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) Math.sin(i);
            }
            // In the step's manager, open until after backward, which needs it.
            NDArray linear = step.create(weights);
            NDArray loss;
            try (NDManager pass = step.newSubManager()) {
                NDArray embeddings = encoder.embedWithGradient(TEXTS, pass, 7);
                loss = embeddings.mul(linear.reshape(embeddings.getShape())).sum();
                loss.attach(step);
            }
            Thread.sleep(20); // time for a running collector to free what the pass left unreachable
            collector.backward(loss);
            encoder.trainableParameters().forEach((name, parameter) -> {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradients.put(name, gradient.toFloatArray());
                }
                PyTorchRuntime.zeroGradient(parameter.getArray());
            });
        }
        return gradients;
    }

    private static boolean allFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
