package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.encoder.io.SafetensorsReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training ends with the same weights whether or not the garbage collector runs during the steps, for every
 * bundled loss (through the real command line, with the plugins as they are shipped). A Java array that DJL
 * turns into a tensor lives in a direct buffer that the collector may free while the autograd graph still
 * needs it (see {@code dev.contrastive4j.engine.PyTorchRuntime} and {@code dev.contrastive4j.spi.GraphScalars}); here
 * a thread runs the collector every millisecond. The example plugin's loss is loaded from a plugins folder.
 */
class TrainingUnderGarbageCollectionTest {

    @TempDir
    static Path workspace;
    static Path model;
    static Path triplets;
    static Path examplePlugin;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        model = workspace.resolve("tiny");
        try (SentenceEncoder tiny = TinyBert.create(8)) {
            tiny.save(model);
        }
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            rows.add(String.format("{\"anchor\": \"%s %s %d\", \"positive\": \"%s %s\", \"negative\": \"%s %d\"}",
                    words[i % 10], words[(i + 1) % 10], i, words[(i + 2) % 10], words[(i * 3) % 10],
                    words[(i + 5) % 10], i + 100));
        }
        triplets = Files.write(workspace.resolve("triplets.jsonl"), rows, StandardCharsets.UTF_8);
        // The example plugin (docs/writing-a-plugin.md) is what plugin authors copy, so it is held to the same test.
        Path jar = Path.of(System.getProperty("c4j.test.examplePlugin"));
        examplePlugin = Files.createDirectories(workspace.resolve("plugins"));
        Files.copy(jar, examplePlugin.resolve(jar.getFileName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5*mnrl + 0.5*triplet(distance=euclidean)", "cmnrl(mini_batch_size=3)",
        "0.4*angle + 0.3*cosent + 0.3*cosine", "margin-ranking"})
    void weightsDoNotDependOnTheCollector(String loss) throws Exception {
        Path quiet = train(loss, "quiet");

        AtomicBoolean stop = new AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                LockSupport.parkNanos(1_000_000);
            }
        }, "gc-storm");
        collector.setDaemon(true);
        collector.start();
        Path stormy;
        try {
            stormy = train(loss, "stormy");
        } finally {
            stop.set(true);
            collector.join();
        }

        Map<String, FloatTensor> expected = SafetensorsReader.readFloats(quiet.resolve("final/model.safetensors"));
        Map<String, FloatTensor> actual = SafetensorsReader.readFloats(stormy.resolve("final/model.safetensors"));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, tensor) -> assertThat(actual.get(name).values()).as(name)
                .containsExactly(tensor.values(), within(1e-6f)));
    }

    private static Path train(String loss, String name) {
        Path output = workspace.resolve(name + "-" + Integer.toHexString(loss.hashCode()));
        CliRun run = CliRun.of("train", "--plugins", examplePlugin.toString(), "--model", model.toString(),
                "--train", triplets.toString(), "--loss", loss, "--batch-size", "6", "--max-steps", "2", "--lr", "1e-3",
                "--save-steps", "0", "--output", output.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return output;
    }
}
