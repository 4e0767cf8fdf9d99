package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.SharedEncoders;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.EncoderLoss;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CachedGISTEmbedLoss against GISTEmbedLoss on a tiny student BERT with a different tiny guide loaded from a
 * folder ({@code guide=<folder>}): same loss, same parameter gradients, whatever the mini-batch size.
 */
class CachedGistMatchesGistTest {

    private static final Logger LOG = LoggerFactory.getLogger(CachedGistMatchesGistTest.class);
    private static final double WEIGHT = 0.7;

    @TempDir
    static Path dir;
    private static Path guideFolder;
    private static PluginRegistry registry;

    @BeforeAll
    static void guide() {
        guideFolder = TinyModels.saveGuide(dir.resolve("guide"), 11);
        registry = PluginRegistry.of(List.of(new GistPlugin()));
    }

    @ParameterizedTest(name = "mini_batch_size={0}, {1} margin {2}")
    @CsvSource({"1, absolute, 0.0", "2, relative, 0.05", "4, absolute, 0.02", "6, absolute, 0.0"})
    void cachedLossAndParameterGradientsEqualUncached(int miniBatchSize, String strategy, String margin) {
        Map<String, String> values = Map.of("guide", guideFolder.toString(), "margin_strategy", strategy,
                "margin", margin, "temperature", "0.05");
        EncoderLoss gist = (EncoderLoss) TinyModels.create(registry, "gist", values);
        Map<String, String> cachedValues = new LinkedHashMap<>(values);
        cachedValues.put("mini_batch_size", Integer.toString(miniBatchSize));
        EncoderLoss cgist = (EncoderLoss) TinyModels.create(registry, "cgist", cachedValues);

        // Dropout off: the two losses draw different masks for mini-batches, which is not what this compares.
        Step expected = step(gist, 0.0, 17);
        Step cached = step(cgist, 0.0, 17);

        assertThat(relativeError(cached.loss(), expected.loss())).as("loss").isLessThanOrEqualTo(1e-5);
        double worst = 0;
        for (String name : expected.gradients().keySet()) {
            double[] e = expected.gradients().get(name);
            double[] a = cached.gradients().get(name);
            if (maxAbs(e) < 1e-7) {
                // e.g. the attention key bias: 0 in exact arithmetic (softmax ignores a constant per query)
                assertThat(maxAbs(a)).as(name).isLessThan(1e-6);
                continue;
            }
            double error = relativeError(a, e);
            worst = Math.max(worst, error);
            assertThat(error).as(name).isLessThanOrEqualTo(1e-5);
        }
        LOG.info("cgist(mini_batch_size={}) vs gist: loss {} vs {}, worst gradient relative error {}", miniBatchSize,
                cached.loss(), expected.loss(), String.format("%.2e", worst));
    }

    @Test
    void oneMiniBatchTakesGistsDropoutMasks() {
        Map<String, String> values = Map.of("guide", guideFolder.toString());
        EncoderLoss gist = (EncoderLoss) TinyModels.create(registry, "gist", values);
        EncoderLoss cgist = (EncoderLoss) TinyModels.create(registry, "cgist",
                Map.of("guide", guideFolder.toString(), "mini_batch_size", "64"));

        Step expected = step(gist, 0.1, 23);
        Step cached = step(cgist, 0.1, 23);

        assertThat(relativeError(cached.loss(), expected.loss())).isLessThanOrEqualTo(1e-6);
        Step otherSeed = step(gist, 0.1, 24);
        assertThat(relativeError(otherSeed.loss(), expected.loss())).as("dropout is on").isGreaterThan(1e-4);
    }

    @Test
    void theGuideMasksSomeButNotAllCandidatesOfTheFixtureBatch() {
        // Without this, the equalities above could hold for a loss that never drops anything.
        SentenceEncoder guide = registry.service(SharedEncoders.class).frozen(guideFolder.toString());
        GuideEmbeddings embedded = new GuideModel("tiny", guide).embed(Batch.of(TinyModels.ROWS), 4);
        GistObjective objective = GistParameters.objective(
                dev.contrastive4j.spi.ParameterValues.defaults(GistParameters.SPECS));
        boolean[][] dropped = objective.droppedCandidates(embedded, objective.blocks(3));
        long count = 0;
        long total = 0;
        for (boolean[] row : dropped) {
            for (int j = 0; j < row.length; j++) {
                count += row[j] ? 1 : 0;
                total++;
            }
        }
        LOG.info("the tiny guide drops {} of {} candidates", count, total);
        assertThat(count).isPositive().isLessThan(total - TinyModels.ROWS.size());
    }

    private record Step(double loss, Map<String, double[]> gradients) {
    }

    private static Step step(EncoderLoss loss, double dropout, long seed) {
        Engine engine = PyTorchRuntime.engine();
        try (SentenceEncoder student = TinyBert.create(3, dropout); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            double value = loss.forwardBackward(Batch.of(TinyModels.ROWS),
                    new TestLossContext(student, manager, seed, collector), WEIGHT);
            Map<String, double[]> gradients = new LinkedHashMap<>();
            student.trainableParameters().forEach((name, parameter) -> {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    float[] values = gradient.toFloatArray();
                    double[] copy = new double[values.length];
                    for (int i = 0; i < values.length; i++) {
                        copy[i] = values[i];
                    }
                    gradients.put(name, copy);
                }
            });
            return new Step(value, gradients);
        }
    }

    private static double relativeError(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    /** max_i |actual_i − expected_i| / max_i |expected_i|. */
    private static double relativeError(double[] actual, double[] expected) {
        double difference = 0;
        for (int i = 0; i < actual.length; i++) {
            difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
        }
        return difference / maxAbs(expected);
    }

    private static double maxAbs(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
