package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.spi.GraphScalars;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A garbage collection between the forward and the backward pass must not change any gradient. DJL arrays made
 * from Java data are views of Java direct buffers; when such an array is closed and its buffer collected,
 * autograd's saved copy would point at freed memory (see {@link PyTorchRuntime}, "Memory that backward reads").
 */
class BackwardAfterGarbageCollectionTest {

    private static final List<String> TEXTS = List.of("the cat sat on the mat", "a dog ran", "the big red dog sat");

    @Test
    void encoderGradientsSurviveACollectionBeforeBackward() {
        Map<String, float[]> quiet = gradients(false);
        Map<String, float[]> collected = gradients(true);
        assertThat(collected.keySet()).containsExactlyElementsOf(quiet.keySet());
        for (String name : quiet.keySet()) {
            assertThat(collected.get(name)).as(name).doesNotContain(Float.NaN).containsExactly(quiet.get(name));
        }
    }

    @Test
    void constantsSurviveACollectionBeforeBackward() {
        Engine engine = PyTorchRuntime.engine();
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            try (NDManager manager = engine.newBaseManager();
                    GradientCollector collector = engine.newGradientCollector()) {
                NDArray x = manager.create(new float[] {1, 2, 3}).toType(type, false);
                x.setRequiresGradient(true);
                NDArray y;
                try (NDManager scope = manager.newSubManager()) {
                    y = x.mul(GraphScalars.of(scope, 0.25, type)).sum();
                    y.attach(manager);
                }
                overwriteFreedDirectMemory();
                collector.backward(y);
                assertThat(x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray()).as(type.toString())
                        .containsExactly(0.25, 0.25, 0.25);
            }
        }
    }

    private static Map<String, float[]> gradients(boolean collectBeforeBackward) {
        Engine engine = PyTorchRuntime.engine();
        Map<String, float[]> gradients = new LinkedHashMap<>();
        try (SentenceEncoder encoder = TinyBert.create(3, 0.0); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            NDArray embeddings = encoder.embedWithGradient(TEXTS, manager, 1);
            NDArray loss = embeddings.get(":, 0").sum();
            if (collectBeforeBackward) {
                overwriteFreedDirectMemory();
            }
            collector.backward(loss);
            encoder.trainableParameters().forEach((name, parameter) ->
                    gradients.put(name, parameter.getArray().getGradient().toFloatArray()));
        }
        return gradients;
    }

    /** Lets the collector free unreachable direct buffers, then fills freshly allocated ones with NaN. */
    private static void overwriteFreedDirectMemory() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20); // the cleaner thread frees direct buffers after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ByteBuffer> filler = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(8 * (1 + i % 64));
            while (buffer.remaining() >= 8) {
                buffer.putDouble(Double.NaN);
            }
            filler.add(buffer);
        }
        assertThat(filler).hasSize(20_000);
    }
}
