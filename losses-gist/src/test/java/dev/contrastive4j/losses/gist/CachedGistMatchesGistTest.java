package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.SharedEncoders;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.testkit.LossStep;
import dev.contrastive4j.testkit.TinyEncoders;
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
        guideFolder = TinyEncoders.saveBert(dir.resolve("guide"), 11);
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
        LossStep.EncoderResult expected = step(gist, 0.0, 17);
        LossStep.EncoderResult cached = step(cgist, 0.0, 17);

        assertThat(relativeError(cached.value(), expected.value())).as("loss").isLessThanOrEqualTo(1e-5);
        double worst = 0;
        for (String name : expected.parameterGradients().keySet()) {
            double[] e = expected.parameterGradients().get(name);
            double[] a = cached.parameterGradients().get(name);
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
                cached.value(), expected.value(), String.format("%.2e", worst));
    }

    @Test
    void oneMiniBatchTakesGistsDropoutMasks() {
        Map<String, String> values = Map.of("guide", guideFolder.toString());
        EncoderLoss gist = (EncoderLoss) TinyModels.create(registry, "gist", values);
        EncoderLoss cgist = (EncoderLoss) TinyModels.create(registry, "cgist",
                Map.of("guide", guideFolder.toString(), "mini_batch_size", "64"));

        LossStep.EncoderResult expected = step(gist, 0.1, 23);
        LossStep.EncoderResult cached = step(cgist, 0.1, 23);

        assertThat(relativeError(cached.value(), expected.value())).isLessThanOrEqualTo(1e-6);
        LossStep.EncoderResult otherSeed = step(gist, 0.1, 24);
        assertThat(relativeError(otherSeed.value(), expected.value())).as("dropout is on").isGreaterThan(1e-4);
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

    /** One step of the loss on the fixture rows with a fresh tiny student: the loss and its parameter gradients. */
    private static LossStep.EncoderResult step(EncoderLoss loss, double dropout, long seed) {
        try (SentenceEncoder student = TinyEncoders.bert(3, dropout)) {
            return LossStep.onEncoder(loss, Batch.of(TinyModels.ROWS), student, seed, WEIGHT);
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
