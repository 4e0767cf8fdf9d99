package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.Triplet;
import java.nio.file.Path;
import dev.contrastive4j.testkit.TestLossContext;
import dev.contrastive4j.testkit.TinyEncoders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mined data has several negatives per anchor: GISTEmbed and its cached form take any number. With k = 3, the
 * objective's loss, masks and gradients equal {@link GistReference}'s (through {@link GistObjectiveTest}'s check),
 * and CGIST's loss and parameter gradients equal GIST's on a batch of tiny-BERT triplets with three negatives.
 */
class ThreeHardNegativesGistTest {

    private static final List<Triplet> ROWS = List.of(
            new Triplet("the cat sat on the mat", "a cat sat", List.of("the dog ran", "a red mat", "big dog")),
            new Triplet("a big dog ran", "the dog ran fast", List.of("a cat ran", "the mat", "red cat sat")),
            new Triplet("the red cat", "a cat is red", List.of("the big mat", "a dog sat", "the small dog")),
            new Triplet("a dog sat on a mat", "the dog sat", List.of("a big red dog sat", "cat", "the cat ran")));

    @TempDir
    static Path dir;
    private static Path guideFolder;
    private static PluginRegistry registry;

    @BeforeAll
    static void guide() {
        guideFolder = TinyEncoders.saveBert(dir.resolve("guide"), 11);
        registry = PluginRegistry.of(List.of(new GistPlugin()));
    }

    @Test
    void theObjectiveWithThreeNegativesMatchesTheReference() {
        GistObjectiveTest check = new GistObjectiveTest();
        check.lossAndStudentGradientsMatchTheDoublePrecisionReference(new GistObjectiveTest.Case(
                "absolute margin 0.1, three negatives", 0.05, MarginStrategy.ABSOLUTE, 0.1, true, true, 3, false));
        check.lossAndStudentGradientsMatchTheDoublePrecisionReference(new GistObjectiveTest.Case(
                "relative margin 0.05, three negatives", 0.02, MarginStrategy.RELATIVE, 0.05, true, true, 3, false));
    }

    @Test
    void cachedGistWithThreeNegativesEqualsGist() {
        Map<String, String> values = Map.of("guide", guideFolder.toString(), "margin_strategy", "relative",
                "margin", "0.05", "temperature", "0.05");
        EncoderLoss gist = (EncoderLoss) TinyModels.create(registry, "gist", values);
        Map<String, String> cachedValues = new LinkedHashMap<>(values);
        cachedValues.put("mini_batch_size", "2");
        EncoderLoss cgist = (EncoderLoss) TinyModels.create(registry, "cgist", cachedValues);
        assertThat(Batch.of(ROWS).columns()).hasSize(5);

        double[] expected = new double[1];
        double[] cached = new double[1];
        double[] expectedGradients = step(gist, expected);
        double[] cachedGradients = step(cgist, cached);

        assertThat(Math.abs(cached[0] - expected[0]) / Math.abs(expected[0])).as("loss").isLessThanOrEqualTo(1e-5);
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < expectedGradients.length; i++) {
            worst = Math.max(worst, Math.abs(cachedGradients[i] - expectedGradients[i]));
            scale = Math.max(scale, Math.abs(expectedGradients[i]));
        }
        assertThat(scale).isPositive();
        assertThat(worst / scale).as("parameter gradients, relative to the largest").isLessThanOrEqualTo(1e-5);
    }

    /** One step with dropout off; returns the flattened parameter gradients and puts the loss in {@code loss[0]}. */
    private static double[] step(EncoderLoss loss, double[] value) {
        Engine engine = PyTorchRuntime.engine();
        try (SentenceEncoder student = TinyBert.create(3, 0.0); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            value[0] = loss.forwardBackward(Batch.of(ROWS), new TestLossContext(student, manager, 17, collector), 1.0);
            List<Double> all = new ArrayList<>();
            student.trainableParameters().forEach((name, parameter) -> {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    for (float v : gradient.toFloatArray()) {
                        all.add((double) v);
                    }
                }
            });
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
