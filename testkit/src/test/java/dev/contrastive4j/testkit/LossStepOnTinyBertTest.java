package dev.contrastive4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.GradCache;
import dev.contrastive4j.spi.GraphScalars;
import dev.contrastive4j.spi.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The encoder-level runner on the tiny BERT: an objective run through the SPI's {@link GradCache} gives the
 * uncached loss and parameter gradients, mask for mask when one mini-batch holds a column (the seed rule), and
 * for any mini-batch size without dropout. The recording embedder shows the seeds it asked for.
 */
class LossStepOnTinyBertTest {

    private static final Batch BATCH = Batch.of(List.of(new Pair("the cat sat on the mat", "a cat sat"),
            new Pair("a big dog ran", "the dog ran fast"), new Pair("the red cat", "a cat is red"),
            new Pair("a dog sat on a mat", "the dog sat")));
    private static final double WEIGHT = 0.5;
    private static final long SEED = 41;

    /** Σ_i −cos(a_i, p_i) · 20 (the embeddings are normalised): a scalar read by backward, so GraphScalars. */
    private static final EmbeddingLoss OBJECTIVE = batch -> {
        NDArray dots = batch.column(0).mul(batch.column(1)).sum(new int[] {1});
        return dots.mul(GraphScalars.of(dots, -20)).sum();
    };

    @Test
    void gradCacheWithOneMiniBatchPerColumnEqualsTheUncachedLossUnderDropout() {
        assertCachedEqualsUncached(0.1, BATCH.size());
    }

    @Test
    void gradCacheWithSmallMiniBatchesEqualsTheUncachedLossWithoutDropout() {
        assertCachedEqualsUncached(0.0, 1);
    }

    @Test
    void theRecordingEmbedderSeesEveryPassAndItsSeed() {
        try (SentenceEncoder encoder = TinyEncoders.bert(3)) {
            RecordingEmbedder recorder = new RecordingEmbedder(encoder);
            EncoderLoss cached = (batch, context, weight) -> GradCache.withMiniBatches(3, "test")
                    .forwardBackward(batch, context, weight, columns -> OBJECTIVE.compute(
                            new EmbeddedBatch(batch.format(), columns, null)));
            try (NDManager manager = PyTorchRuntime.engine().newBaseManager();
                    GradientCollector collector = PyTorchRuntime.engine().newGradientCollector()) {
                cached.forwardBackward(BATCH, new TestLossContext(recorder, manager, SEED, collector), WEIGHT);
            }
            assertThat(recorder.calls(false)).extracting(RecordingEmbedder.Call::seed)
                    .containsExactly(SEED, GradCache.dropoutSeed(SEED, 0, 1), SEED + 1,
                            GradCache.dropoutSeed(SEED, 1, 1));
            assertThat(recorder.calls(true)).extracting(RecordingEmbedder.Call::seed)
                    .isEqualTo(recorder.calls(false).stream().map(RecordingEmbedder.Call::seed).toList());
            assertThat(recorder.calls(true)).allMatch(RecordingEmbedder.Call::earlierGraphsFreed);
        }
    }

    private static void assertCachedEqualsUncached(double dropout, int miniBatchSize) {
        EncoderLoss cached = (batch, context, weight) -> GradCache.withMiniBatches(miniBatchSize, "test")
                .forwardBackward(batch, context, weight, columns -> OBJECTIVE.compute(
                        new EmbeddedBatch(batch.format(), columns, null)));
        LossStep.EncoderResult expected;
        LossStep.EncoderResult actual;
        try (SentenceEncoder encoder = TinyEncoders.bert(3, dropout)) {
            expected = LossStep.onEncoder(OBJECTIVE, BATCH, encoder, SEED, WEIGHT);
        }
        try (SentenceEncoder encoder = TinyEncoders.bert(3, dropout)) {
            actual = LossStep.onEncoder(cached, BATCH, encoder, SEED, WEIGHT);
        }
        assertThat(actual.value()).isCloseTo(expected.value(), within(
                1e-5 * Math.abs(expected.value())));
        double largest = 0;
        double deviation = 0;
        for (Map.Entry<String, double[]> entry : expected.parameterGradients().entrySet()) {
            double[] other = actual.parameterGradients().get(entry.getKey());
            for (int i = 0; i < other.length; i++) {
                largest = Math.max(largest, Math.abs(entry.getValue()[i]));
                deviation = Math.max(deviation, Math.abs(other[i] - entry.getValue()[i]));
            }
        }
        assertThat(largest).as("the step produced gradients").isPositive();
        assertThat(deviation / largest).as("relative deviation of the parameter gradients").isLessThan(1e-4);
    }
}
