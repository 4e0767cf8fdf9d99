package dev.contrastive4j.losses.ranking;

import static dev.contrastive4j.losses.ranking.Closeness.assertRelativelyClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.testkit.RecordingEmbedder.Call;
import dev.contrastive4j.testkit.RecordingEmbedder;
import dev.contrastive4j.testkit.TestLossContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GradCache must give MNRL's loss and parameter gradients. The uncached side embeds the same mini-batches
 * with the same dropout seeds as the cached loss's first pass, but all with a graph at once, computes
 * {@link MultipleNegativesRankingLoss} on the whole batch and runs one backward pass: MNRL exactly, with the
 * same dropout masks. Dropout is active throughout (rate 0.1), so seed replay is what makes the two agree
 * ({@link #replayingWithAnotherSeedBreaksTheAgreement} shows that the comparison notices when it is missing).
 *
 * <p>The model is float32; the two sides differ only in how float32 sums are ordered, far below 1e-5.
 */
class CachedMultipleNegativesRankingLossTest {

    private static final double TOLERANCE = 1e-5;
    private static final long STEP_SEED = 20_240_611L;
    private static final int ROWS = 5;

    private static TinyEncoder encoder;

    @BeforeAll
    static void createModel() {
        encoder = new TinyEncoder(7);
    }

    @AfterAll
    static void closeModel() {
        encoder.close();
    }

    @BeforeEach
    void startFromZeroGradients() {
        encoder.zeroGradients();
    }

    @ParameterizedTest(name = "mini-batch size {0}")
    @ValueSource(ints = {1, 3, ROWS})
    void cachedLossMatchesUncachedLossAndParameterGradients(int miniBatchSize) {
        MultipleNegativesRankingLoss mnrl = new MultipleNegativesRankingLoss(20, Similarity.COSINE, false);
        Batch batch = tripletsWithTwoNegatives();

        Step cached = cachedStep(new CachedMultipleNegativesRankingLoss(mnrl, miniBatchSize), batch, 1.0,
                LongUnaryOperator.identity());
        Step uncached = uncachedStep(mnrl, batch, cached.calls());

        assertRelativelyClose("cmnrl mini-batch " + miniBatchSize + ", loss", cached.loss(), uncached.loss(), TOLERANCE);
        assertRelativelyClose("cmnrl mini-batch " + miniBatchSize + ", parameter gradients", cached.gradients(),
                uncached.gradients(), TOLERANCE);
    }

    @Test
    void cachedSymmetricDotLossOnPairsMatchesUncached() {
        MultipleNegativesRankingLoss mnrl = new MultipleNegativesRankingLoss(1, Similarity.DOT, true);
        Batch batch = pairs();

        Step cached = cachedStep(new CachedMultipleNegativesRankingLoss(mnrl, 2), batch, 1.0,
                LongUnaryOperator.identity());
        Step uncached = uncachedStep(mnrl, batch, cached.calls());

        assertRelativelyClose("cmnrl symmetric dot pairs, loss", cached.loss(), uncached.loss(), TOLERANCE);
        assertRelativelyClose("cmnrl symmetric dot pairs, parameter gradients", cached.gradients(),
                uncached.gradients(), TOLERANCE);
    }

    @Test
    void replayingWithAnotherSeedBreaksTheAgreement() {
        MultipleNegativesRankingLoss mnrl = new MultipleNegativesRankingLoss(20, Similarity.COSINE, false);
        Batch batch = tripletsWithTwoNegatives();

        // The replay pass gets other dropout masks than the pass whose gradients were cached.
        Step unreplayed = cachedStep(new CachedMultipleNegativesRankingLoss(mnrl, 2), batch, 1.0, seed -> seed + 1);
        Step uncached = uncachedStep(mnrl, batch, unreplayed.calls());

        double error = Closeness.loggedRelativeError("cmnrl without seed replay, parameter gradients",
                unreplayed.gradients(), uncached.gradients());
        assertThat(error).as("relative gradient error without seed replay").isGreaterThan(100 * TOLERANCE);
    }

    @Test
    void weightMultipliesTheParameterGradientsButNotTheReturnedLoss() {
        CachedMultipleNegativesRankingLoss loss = new CachedMultipleNegativesRankingLoss(
                new MultipleNegativesRankingLoss(20, Similarity.COSINE, false), 2);
        Batch batch = tripletsWithTwoNegatives();

        Step full = cachedStep(loss, batch, 1.0, LongUnaryOperator.identity());
        Step weighted = cachedStep(loss, batch, 0.3, LongUnaryOperator.identity());

        assertThat(weighted.loss()).isEqualTo(full.loss());
        double[] expected = java.util.Arrays.stream(full.gradients()).map(g -> 0.3 * g).toArray();
        assertRelativelyClose("cmnrl weight 0.3, parameter gradients", weighted.gradients(), expected, 1e-6);
    }

    @Test
    void everyColumnIsSplitIntoMiniBatchesAndEachIsReplayedWithItsOwnSeed() {
        Batch batch = tripletsWithTwoNegatives();
        CachedMultipleNegativesRankingLoss loss = new CachedMultipleNegativesRankingLoss(
                new MultipleNegativesRankingLoss(20, Similarity.COSINE, false), 2);

        List<Call> calls = cachedStep(loss, batch, 1.0, LongUnaryOperator.identity()).calls();

        List<Call> detached = calls.stream().filter(c -> !c.withGradient()).toList();
        List<Call> replayed = calls.stream().filter(Call::withGradient).toList();
        // 4 columns × ceil(5 / 2) = 12 mini-batches of 2, 2 and 1 rows, in column order.
        assertThat(detached).extracting(c -> c.texts().size()).containsExactly(2, 2, 1, 2, 2, 1, 2, 2, 1, 2, 2, 1);
        assertThat(detached.stream().flatMap(c -> c.texts().stream()).toList())
                .isEqualTo(batch.columns().stream().flatMap(List::stream).toList());
        assertThat(new HashSet<>(detached.stream().map(Call::seed).toList())).as("distinct seeds").hasSize(12);
        assertThat(replayed).extracting(Call::texts).isEqualTo(detached.stream().map(Call::texts).toList());
        assertThat(replayed).extracting(Call::seed).isEqualTo(detached.stream().map(Call::seed).toList());
        assertThat(calls.indexOf(replayed.get(0))).as("every detached pass comes first").isEqualTo(detached.size());
    }

    @Test
    void eachMiniBatchGraphIsFreedBeforeTheNextIsBuiltAndNothingIsLeftOnTheStepManager() {
        CachedMultipleNegativesRankingLoss loss = new CachedMultipleNegativesRankingLoss(
                new MultipleNegativesRankingLoss(20, Similarity.COSINE, false), 2);
        RecordingEmbedder recorder = new RecordingEmbedder(encoder);
        try (NDManager step = PyTorchRuntime.engine().newBaseManager();
                GradientCollector collector = PyTorchRuntime.engine().newGradientCollector()) {
            loss.forwardBackward(tripletsWithTwoNegatives(), new TestLossContext(recorder, step, STEP_SEED, collector),
                    1.0);

            assertThat(recorder.calls(true)).allMatch(Call::earlierGraphsFreed);
            assertThat(recorder.calls()).noneMatch(c -> c.manager().isOpen());
            assertThat(recorder.calls()).noneMatch(c -> c.manager() == step);
            assertThat(step.getManagedArrays()).isEmpty();
        }
    }

    @Test
    void theTestEncoderReplaysDropoutBySeedAndItsDetachedPassBuildsNoGraph() {
        List<String> texts = List.of("a", "b", "c");
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager();
                GradientCollector collector = PyTorchRuntime.engine().newGradientCollector()) {
            NDArray first = encoder.embedDetached(texts, manager, 1);
            NDArray again = encoder.embedWithGradient(texts, manager, 1);
            NDArray other = encoder.embedDetached(texts, manager, 2);

            assertThat(again.toFloatArray()).containsExactly(first.toFloatArray());
            assertThat(other.toFloatArray()).isNotEqualTo(first.toFloatArray());
            assertThat(JniUtils.isGradMode()).as("grad mode restored after the detached pass").isTrue();
            assertThatThrownBy(() -> collector.backward(first.sum()))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("does not require grad");
            collector.backward(again.sum());
            assertThat(Closeness.maxAbs(encoder.parameterGradients())).as("the graph reaches the parameters")
                    .isPositive();
        } finally {
            encoder.zeroGradients();
        }
    }

    @Test
    void scoredPairsAreRejectedWithAMessageNamingTheFormat() {
        CachedMultipleNegativesRankingLoss loss = new CachedMultipleNegativesRankingLoss(
                new MultipleNegativesRankingLoss(20, Similarity.COSINE, false), 2);
        Batch batch = Batch.of(List.of(new ScoredPair("a", "b", 0.5)));

        assertThatThrownBy(() -> loss.forwardBackward(batch, new TestLossContext(encoder, null, 0, null), 1.0))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("cmnrl expects pair or triplet rows, got scored-pair rows; convert them or choose a loss"
                        + " for scored pairs");
    }

    @Test
    void miniBatchSizeBelowOneIsRejected() {
        MultipleNegativesRankingLoss mnrl = new MultipleNegativesRankingLoss(20, Similarity.COSINE, false);

        assertThatThrownBy(() -> new CachedMultipleNegativesRankingLoss(mnrl, 0))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("cmnrl: mini_batch_size must be >= 1, got 0");
    }

    /** The loss value and the parameter gradients of one training step, and the forward passes it made. */
    private record Step(double loss, double[] gradients, List<Call> calls) {
    }

    private static Step cachedStep(CachedMultipleNegativesRankingLoss loss, Batch batch, double weight,
            LongUnaryOperator replaySeed) {
        RecordingEmbedder recorder = new RecordingEmbedder(encoder, replaySeed);
        double value;
        try (NDManager step = PyTorchRuntime.engine().newBaseManager();
                GradientCollector collector = PyTorchRuntime.engine().newGradientCollector()) {
            value = loss.forwardBackward(batch, new TestLossContext(recorder, step, STEP_SEED, collector), weight);
        }
        return finish(value, recorder.calls());
    }

    /** MNRL with one graph over the whole batch, made of the given detached passes replayed with a graph. */
    private static Step uncachedStep(MultipleNegativesRankingLoss loss, Batch batch, List<Call> calls) {
        Iterator<Call> detached = calls.stream().filter(c -> !c.withGradient()).iterator();
        double value;
        try (NDManager step = PyTorchRuntime.engine().newBaseManager();
                GradientCollector collector = PyTorchRuntime.engine().newGradientCollector()) {
            List<NDArray> columns = new ArrayList<>();
            for (List<String> column : batch.columns()) {
                NDList parts = new NDList();
                List<String> texts = new ArrayList<>();
                while (texts.size() < column.size()) {
                    Call call = detached.next();
                    parts.add(encoder.embedWithGradient(call.texts(), step, call.seed()));
                    texts.addAll(call.texts());
                }
                assertThat(texts).isEqualTo(column);
                columns.add(parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0));
            }
            NDArray result = loss.compute(columns);
            value = result.toType(DataType.FLOAT64, false).getDouble();
            collector.backward(result);
        }
        return finish(value, calls);
    }

    private static Step finish(double value, List<Call> calls) {
        double[] gradients = encoder.parameterGradients();
        encoder.zeroGradients();
        return new Step(value, gradients, calls);
    }

    /** Five rows with two negatives each; row 3 repeats row 0's anchor. */
    private static Batch tripletsWithTwoNegatives() {
        return Batch.of(IntStream.range(0, ROWS)
                .mapToObj(i -> new Triplet(i == 3 ? "query 0" : "query " + i, "answer " + i,
                        List.of("wrong " + i + "a", "wrong " + i + "b")))
                .toList());
    }

    private static Batch pairs() {
        return Batch.of(IntStream.range(0, ROWS).mapToObj(i -> new Pair("question " + i, "reply " + i)).toList());
    }
}
