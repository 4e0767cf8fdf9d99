package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.engine.SingleThreadWorkers;
import dev.contrastive4j.engine.SystemPropertyOverride;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The encoder's inference and training contracts, on the tiny random model. */
class TinyBertEncoderTest {

    private static final List<String> TEXTS = List.of(
            "the cat sat on the mat.",
            "a dog",
            "the quick brown fox jumps over the lazy dog!",
            "sun",
            "the big red house is on the hill and the small blue house is in the tree",
            "happy day");

    private static SentenceEncoder encoder;

    @BeforeAll
    static void createModel() {
        encoder = TinyBert.create(7);
    }

    @AfterAll
    static void closeModel() {
        encoder.close();
    }

    @Test
    void tinyModelBuildsWellUnderASecond() {
        long start = System.nanoTime();
        try (SentenceEncoder another = TinyBert.create(8)) {
            assertThat(another.dimension()).isEqualTo(32);
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void sameSeedGivesSameWeightsAndOtherSeedsDiffer() {
        try (SentenceEncoder same = TinyBert.create(7); SentenceEncoder other = TinyBert.create(9)) {
            assertThat(same.exportWeights()).isEqualTo(encoder.exportWeights());
            assertThat(other.exportWeights()).isNotEqualTo(encoder.exportWeights());
        }
    }

    @Test
    void tokenIdsAreClsWordsSepFromTheVocabulary() {
        // tiny-bert-tokenizer.json: [CLS]=2, [SEP]=3, "the"=13, "cat"=28, "sat"=32, "."=5; "cats" = cat ##s (##s=102).
        assertThat(encoder.tokenize(List.of("The cat sat.", "cats"))).containsExactly(
                new long[] {2, 13, 28, 32, 5, 3},
                new long[] {2, 28, 102, 3});
    }

    @Test
    void longTextsAreTruncatedToMaxSeqLengthKeepingSep() {
        String longText = "the cat ".repeat(40);
        long[] ids = encoder.tokenize(List.of(longText)).get(0);
        assertThat(ids).hasSize(TinyBert.MAX_SEQ_LENGTH);
        assertThat(ids[0]).isEqualTo(2);
        assertThat(ids[ids.length - 1]).isEqualTo(3);
    }

    @Test
    void encodeReturnsUnitVectorsInInputOrder() {
        float[][] batched = encoder.encode(TEXTS, 2);
        assertThat(batched).hasNumberOfRows(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            // Alone, a text is neither sorted nor padded: the batched row must be the same vector.
            float[] alone = encoder.encode(List.of(TEXTS.get(i)), 1)[0];
            assertThat(batched[i]).containsExactly(alone, within(1e-5f));
            assertThat(norm(batched[i])).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void encodeOfNothingIsEmptyAndBatchSizeMustBePositive() {
        assertThat(encoder.encode(List.of(), 4)).isEmpty();
        assertThatThrownBy(() -> encoder.encode(TEXTS, 0)).hasMessageContaining("batch size must be at least 1");
    }

    @Test
    void inferenceIgnoresDropout() {
        float[] first = encoder.encode(List.of(TEXTS.get(0)), 1)[0];
        float[] second = encoder.encode(List.of(TEXTS.get(0)), 1)[0];
        assertThat(first).containsExactly(second);
    }

    @Test
    void embedWithGradientReachesEveryParameter() {
        try (NDManager step = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.zeroGradients();
            NDArray embeddings = encoder.embedWithGradient(TEXTS, step, 11);
            collector.backward(embeddings.sum());
            Map<String, Parameter> parameters = encoder.trainableParameters();
            assertThat(parameters).hasSize(5 + 2 * 16);
            parameters.forEach((name, parameter) -> {
                float largest = parameter.getArray().getGradient().abs().max().getFloat();
                if (name.endsWith("attention.self.key.bias")) {
                    // Softmax ignores a constant added to every score of a query, and q·(k + b) adds q·b to
                    // all of them: the key bias has no effect on the output, so its true gradient is 0.
                    assertThat(largest).as(name).isLessThan(1e-5f);
                } else {
                    assertThat(largest).as(name).isGreaterThan(0f);
                }
            });
        }
    }

    @Test
    void wordTableGradientIsTheSameWhenAddedSparselyIntoADenseOne() {
        // Without a gradient yet, the lookup's backward is dense; once the table has a dense gradient (the
        // optimizer gives it one), each pass adds only its rows into it. Two steps each, so accumulation is covered.
        float[] dense = wordTableGradient(false);
        float[] sparse = wordTableGradient(true);
        assertThat(sparse).hasSize(dense.length);
        for (int i = 0; i < dense.length; i++) {
            assertThat(sparse[i]).as("component %d", i).isCloseTo(dense[i], within(1e-6f));
        }
        long nonZero = java.util.stream.IntStream.range(0, dense.length).filter(i -> dense[i] != 0f).count();
        assertThat(nonZero).as("rows looked up have gradients, the others none").isPositive()
                .isLessThan(dense.length);
    }

    private static float[] wordTableGradient(boolean primed) {
        try (SentenceEncoder fresh = TinyBert.create(7); NDManager step = NDManager.newBaseManager()) {
            NDArray table = fresh.trainableParameters().get("embeddings.word_embeddings.weight").getArray();
            if (primed) {
                PyTorchRuntime.ensureDenseGradients(
                        fresh.trainableParameters().values().stream().map(Parameter::getArray).toList());
                assertThat(PyTorchRuntime.hasDenseGradient(table)).isTrue();
            }
            for (long seed : new long[] {11, 12}) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(fresh.embedWithGradient(TEXTS, step, seed).sum());
                }
            }
            assertThat(PyTorchRuntime.hasDenseGradient(table)).isTrue();
            return table.getGradient().toFloatArray();
        }
    }

    @Test
    void embedDetachedBuildsNoGraphEvenInsideAnOpenCollector() {
        try (SentenceEncoder fresh = TinyBert.create(7); NDManager step = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray detached = fresh.embedDetached(TEXTS, step, 3);
            // The collector's grad mode is back on for whatever the loss does next.
            assertThat(PyTorchRuntime.isGradMode()).isTrue();
            assertThatThrownBy(() -> collector.backward(detached.sum()))
                    .hasMessageContaining("does not require grad");
            fresh.trainableParameters().forEach((name, parameter) -> assertThat(
                    parameter.getArray().getGradient().abs().max().getFloat()).as(name).isZero());
        }
    }

    @Test
    @SuppressWarnings("try") // the open collector is the point: these passes run inside one
    void passesLeaveOnlyTheirResultInTheCallersManager() {
        try (NDManager step = NDManager.newBaseManager()) {
            NDArray embeddings = encoder.embedDetached(TEXTS, step, 5);
            assertThat(embeddings.getShape().getShape()).containsExactly(TEXTS.size(), 32);
            assertThat(step.getManagedArrays()).containsExactly(embeddings);
        }
        try (NDManager step = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray embeddings = encoder.embedWithGradient(TEXTS, step, 5);
            // The graph keeps what backward needs; the Java handles of the intermediates are already freed.
            assertThat(step.getManagedArrays()).containsExactly(embeddings);
        }
    }

    @Test
    void sameDropoutSeedReplaysTheMasksAndOtherSeedsDiffer() {
        try (NDManager step = NDManager.newBaseManager()) {
            float[] first = encoder.embedDetached(TEXTS, step, 42).toFloatArray();
            float[] replay = encoder.embedDetached(TEXTS, step, 42).toFloatArray();
            float[] other = encoder.embedDetached(TEXTS, step, 43).toFloatArray();
            float[] inference = flatten(encoder.encode(TEXTS, 8));
            assertThat(replay).containsExactly(first);
            assertThat(maxAbsDiff(first, other)).isGreaterThan(1e-3);
            assertThat(maxAbsDiff(first, inference)).isGreaterThan(1e-3);
        }
    }

    @Test
    @SuppressWarnings("try") // the open collector is the point: these passes run inside one
    void detachedAndRecordedPassesWithOneSeedDrawTheSameDropoutMasks() {
        // Gradient caching embeds a mini-batch detached first and again with a graph: both must agree.
        try (NDManager step = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            float[] detached = encoder.embedDetached(TEXTS, step, 77).toFloatArray();
            float[] recorded = encoder.embedWithGradient(TEXTS, step, 77).toFloatArray();
            assertThat(recorded).containsExactly(detached, within(1e-6f));
        }
    }

    @Test
    @SuppressWarnings("try") // the open collector is the point: these passes run inside one
    void withoutDropoutEveryPassGivesTheInferenceEmbeddings() {
        try (SentenceEncoder noDropout = TinyBert.create(7, 0.0); NDManager step = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            float[] detached = noDropout.embedDetached(TEXTS, step, 1).toFloatArray();
            float[] recorded = noDropout.embedWithGradient(TEXTS, step, 2).toFloatArray();
            float[] inference = flatten(noDropout.encode(TEXTS, 3));
            assertThat(recorded).containsExactly(detached, within(1e-6f));
            assertThat(inference).containsExactly(detached, within(1e-5f));
        }
    }

    @Test
    void smallPassesSideBySideGiveTheVectorsOfOnePassAtATime() {
        // 40 texts in batches of 4: ten passes of at most 4 × 32 tokens, all small enough to run side by side.
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add(TEXTS.get(i % TEXTS.size()) + " " + "the cat ".repeat(i % 7));
        }
        float[][] sideBySide = encoder.encode(texts, 4);
        float[][] oneAtATime;
        try (SystemPropertyOverride off = SystemPropertyOverride.set(SingleThreadWorkers.PROPERTY, "false")) {
            oneAtATime = encoder.encode(texts, 4);
        }
        assertThat(SentenceEncoder.runsSideBySide(4, TinyBert.MAX_SEQ_LENGTH)).isTrue();
        for (int i = 0; i < texts.size(); i++) {
            assertThat(sideBySide[i]).as("text %d", i).containsExactly(oneAtATime[i], within(1e-6f));
        }
    }

    @Test
    void passesOfMoreThanTheirShareOfTokensRunOneAtATime() {
        assertThat(SentenceEncoder.runsSideBySide(32, 64)).isTrue();
        assertThat(SentenceEncoder.runsSideBySide(32, 65)).isFalse();
        assertThat(SentenceEncoder.runsSideBySide(1, 2048)).isTrue();
        assertThat(SentenceEncoder.runsSideBySide(16, 256)).isFalse();
    }

    @Test
    void inferencePadsTheSoftmaxOfShortTextsWithoutChangingTheirVectors() {
        assertThat(BertSelfAttention.softmaxPadding(1)).isEqualTo(15);
        assertThat(BertSelfAttention.softmaxPadding(10)).isEqualTo(6);
        assertThat(BertSelfAttention.softmaxPadding(15)).isEqualTo(1);
        assertThat(BertSelfAttention.softmaxPadding(16)).isZero();
        assertThat(BertSelfAttention.softmaxPadding(100)).isZero();
        // Training passes never pad: without dropout they are the unpadded reference for inference's vectors.
        List<String> shortTexts = List.of("a dog", "sun", "the cat sat on the mat.", "happy day");
        try (SentenceEncoder noDropout = TinyBert.create(7, 0.0); NDManager step = NDManager.newBaseManager()) {
            assertThat(noDropout.tokenize(shortTexts)).allMatch(ids -> ids.length < 16);
            float[] unpadded = noDropout.embedDetached(shortTexts, step, 1).toFloatArray();
            float[] padded = flatten(noDropout.encode(shortTexts, shortTexts.size()));
            assertThat(padded).containsExactly(unpadded, within(1e-6f));
        }
    }

    @Test
    void tokenizerWithMoreTokensThanTheModelIsRefused() {
        BertConfig smaller = new BertConfig(100, 32, 2, 2, 64, "gelu", 0.1, 0.1, 64, 2, 1e-12);
        BertModelBlock shapes = new BertModelBlock(smaller, false);
        try (NDManager manager = PyTorchRuntime.newManager()) {
            shapes.initialize(manager);
            assertThatThrownBy(() -> SentenceEncoder.create(smaller, TinyBert.settings(), TinyBert.tokenizerJson(),
                    BlockWeights.random(shapes, 1), "test"))
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessageContaining("ids up to 109")
                    .hasMessageContaining("vocab_size is 100");
        }
    }

    @Test
    void emptyTrainingBatchGivesAnEmptyMatrix() {
        try (NDManager step = NDManager.newBaseManager()) {
            assertThat(encoder.embedDetached(List.of(), step, 1).getShape().getShape()).containsExactly(0, 32);
        }
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return flat;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
