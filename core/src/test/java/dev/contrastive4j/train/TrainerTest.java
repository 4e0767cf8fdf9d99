package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Triplet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.of(List.of(new ToyLosses()));

    private static List<Triplet> data(int rows) {
        List<Triplet> triplets = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            triplets.add(new Triplet("query " + i, "answer " + i, "answer " + (i * 7 + 3) % rows + " wrong"));
        }
        return triplets;
    }

    private static LossPlan plan(String expression) {
        return LossPlan.create(LossSpec.parse(expression, REGISTRY), DataFormat.TRIPLET, REGISTRY);
    }

    private static TrainingConfig config() {
        return TrainingConfig.defaults().withBatchSize(8).withEpochs(3).withLearningRate(0.05).withWarmupRatio(0.1);
    }

    @Test
    void trainingLowersTheLossAndSavesTheFinalModel(@TempDir Path output) throws Exception {
        List<Triplet> rows = data(64);
        try (ToyModel model = new ToyModel(1)) {
            double before = averageLoss(model, rows);
            TrainingResult result = new Trainer(model, plan("softmax + hinge"), config().withEpochs(8), output,
                    List.of(), List.of()).train(rows, false);
            double after = averageLoss(model, rows);

            assertThat(result.steps()).isEqualTo(64);
            assertThat(after).isLessThan(before * 0.8);
            assertThat(output.resolve("final/toy-model.txt")).exists();
            List<String> log = Files.readAllLines(output.resolve(MetricsLog.FILE_NAME), StandardCharsets.UTF_8);
            assertThat(log).hasSize(64);
            assertThat(log.get(0)).startsWith("{\"step\":1,\"epoch\":0,\"loss\":").contains("\"softmax\":", "\"hinge\":");
        }
    }

    /** Inference-time loss of the toy model on the data (no dropout), for before/after comparisons. */
    private static double averageLoss(ToyModel model, List<Triplet> rows) {
        float[][] a = model.encode(rows.stream().map(Triplet::anchor).toList());
        float[][] p = model.encode(rows.stream().map(Triplet::positive).toList());
        double total = 0;
        for (int i = 0; i < rows.size(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] logits = new double[rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                logits[j] = dot(a[i], p[j]);
                max = Math.max(max, logits[j]);
            }
            double sum = 0;
            for (double logit : logits) {
                sum += Math.exp(logit - max);
            }
            total += -(logits[i] - max - Math.log(sum));
        }
        return total / rows.size();
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    @Test
    void aCombinationsGradientIsTheWeightedSumOfItsLossesGradients() {
        List<Triplet> rows = data(8);
        Map<String, float[]> softmax = gradientsOf("softmax", rows);
        Map<String, float[]> hinge = gradientsOf("encoder-hinge", rows);
        Map<String, float[]> combined = gradientsOf("0.7*softmax + 0.3*encoder-hinge", rows);

        combined.forEach((name, gradient) -> {
            for (int i = 0; i < gradient.length; i++) {
                double expected = 0.7 * softmax.get(name)[i] + 0.3 * hinge.get(name)[i];
                assertThat((double) gradient[i]).as(name + "[" + i + "]").isCloseTo(expected, within(1e-6));
            }
        });
    }

    @Test
    void embeddingLevelLossesShareOneEmbeddingOfEachColumn() {
        List<Triplet> rows = data(8);
        try (ToyModel model = new ToyModel(3)) {
            runOneStep(model, "0.5*softmax + 0.5*hinge", rows);
            assertThat(model.passesWithGradient.get()).isEqualTo(3); // anchor, positive, negative: once each
        }
    }

    @Test
    void theEncoderLevelAndEmbeddingLevelFormsOfOneLossGiveTheSameGradients() {
        List<Triplet> rows = data(8);
        Map<String, float[]> embeddingLevel = gradientsOf("hinge", rows);
        Map<String, float[]> encoderLevel = gradientsOf("encoder-hinge", rows);

        embeddingLevel.forEach((name, gradient) -> assertThat(encoderLevel.get(name))
                .containsExactly(gradient, org.assertj.core.data.Offset.offset(1e-6f)));
    }

    private static Map<String, float[]> gradientsOf(String expression, List<Triplet> rows) {
        try (ToyModel model = new ToyModel(3)) {
            runOneStep(model, expression, rows);
            return model.gradients();
        }
    }

    private static void runOneStep(ToyModel model, String expression, List<Triplet> rows) {
        Engine engine = PyTorchRuntime.engine();
        LossCombination combination = new LossCombination(plan(expression));
        try (NDManager manager = engine.newBaseManager(); GradientCollector collector = engine.newGradientCollector()) {
            combination.forwardBackward(rows, new StepLossContext(model, manager, 1234, collector));
        }
    }

    @Test
    void resumingFromACheckpointGivesTheSameParametersAsAnUninterruptedRun(@TempDir Path folder) {
        List<Triplet> rows = data(48);
        TrainingConfig config = config().withSaveSteps(5); // 3 epochs × 6 batches = 18 steps
        Map<String, float[]> straight;
        try (ToyModel model = new ToyModel(7)) {
            new Trainer(model, plan("softmax + 0.5*hinge"), config, folder.resolve("straight"), List.of(), List.of())
                    .train(rows, false);
            straight = model.snapshot();
        }
        Path interrupted = folder.resolve("interrupted");
        try (ToyModel model = new ToyModel(7)) {
            // Stop after step 10 (a checkpoint) by diverging on purpose is not needed: train 10 steps only.
            new Trainer(model, plan("softmax + 0.5*hinge"), config.withMaxSteps(18), interrupted, List.of(),
                    List.of(new StopAfter(12))).train(rows, false);
        } catch (StopAfter.Stopped expected) {
            // the process "dies" after step 12; checkpoint step-10 is the newest
        }
        assertThat(new Checkpoints(interrupted, 2).latest().orElseThrow().state().step()).isEqualTo(10);
        try (ToyModel model = new ToyModel(99)) { // different initial weights: everything must come from the checkpoint
            TrainingResult result = new Trainer(model, plan("softmax + 0.5*hinge"), config, interrupted, List.of(),
                    List.of()).train(rows, true);
            assertThat(result.steps()).isEqualTo(18);
            model.snapshot().forEach((name, values) ->
                    assertThat(values).as(name).containsExactly(straight.get(name), org.assertj.core.data.Offset.offset(1e-6f)));
        }
        List<String> log = readLines(interrupted.resolve(MetricsLog.FILE_NAME));
        assertThat(log).hasSize(18); // steps 11 and 12 of the interrupted attempt were dropped and redone
    }

    @Test
    void aBillionMaxStepsOnFourRowsStartsAtOnceWithoutPlanningEveryBatch(@TempDir Path output) {
        // Planning every batch up front took gigabytes and minutes (then OutOfMemoryError) before the first step;
        // (in this thread: libtorch keeps its grad mode per thread)
        // batches are planned per epoch, so the first updates come at once and memory does not grow with max steps.
        List<Triplet> rows = data(4);
        long[] lastStep = {0};
        TrainingListener stepsSeen = new TrainingListener() {
            @Override
            public void onStart(long firstStep, long totalSteps) {
                assertThat(totalSteps).isEqualTo(1_000_000_000L);
            }

            @Override
            public void onStep(StepMetrics metrics) {
                lastStep[0] = metrics.step();
            }
        };
        try (ToyModel model = new ToyModel(3)) {
            assertTimeout(java.time.Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> new Trainer(model, plan("softmax"),
                            config().withBatchSize(4).withMaxSteps(1_000_000_000L).withSaveSteps(0), output, List.of(),
                            List.of(stepsSeen, new StopAfter(3))).train(rows, false))
                            .isInstanceOf(StopAfter.Stopped.class));
        }
        assertThat(lastStep[0]).isEqualTo(3); // three updates made, then StopAfter ended the run
    }

    /** Simulates a crash after a given step. */
    private static final class StopAfter implements TrainingListener {
        static final class Stopped extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }

        private final long step;

        StopAfter(long step) {
            this.step = step;
        }

        @Override
        public void onStep(StepMetrics metrics) {
            if (metrics.step() == step) {
                throw new Stopped();
            }
        }
    }

    @Test
    void resumingWithAnotherLossIsRefused(@TempDir Path output) {
        List<Triplet> rows = data(16);
        try (ToyModel model = new ToyModel(1)) {
            new Trainer(model, plan("softmax"), config().withSaveSteps(2).withEpochs(1), output, List.of(), List.of())
                    .train(rows, false);
        }
        try (ToyModel model = new ToyModel(1)) {
            assertThatThrownBy(() -> new Trainer(model, plan("hinge"), config().withSaveSteps(2).withEpochs(1), output,
                    List.of(), List.of()).train(rows, true))
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessageContaining("cannot resume from")
                    .hasMessageContaining("it trained loss 'softmax', this run trains 'hinge'");
        }
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingTheStepAndKeepsTheLastCheckpoint(@TempDir Path output) {
        ToyLosses.NAN_LOSS_CALLS.set(0);
        List<Triplet> rows = data(64);
        try (ToyModel model = new ToyModel(1)) {
            assertThatThrownBy(() -> new Trainer(model, plan("nan(at_call=7)"), config().withSaveSteps(3), output,
                    List.of(), List.of()).train(rows, false))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("training diverged at step 7: loss NaN")
                    .hasMessageContaining("the last good checkpoint is " + output.resolve("checkpoints/step-00000006"));
        }
        assertThat(new Checkpoints(output, 2).latest().orElseThrow().state().step()).isEqualTo(6);
        assertThat(output.resolve("final")).doesNotExist();
    }

    @Test
    void aLossThatCannotTakeTheDataNeedsAConverter() {
        assertThatThrownBy(() -> plan("pairs-only"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("loss 'pairs-only' accepts scored-pair but the data is triplet, and no installed converter"
                        + " turns triplet into scored-pair; " + LossPlan.CONVERTER_MODULE_HINT);
    }

    @Test
    void evaluatorsRunEveryNStepsAndAtTheEnd(@TempDir Path output) {
        List<Triplet> rows = data(32);
        List<Long> evaluatedAt = new ArrayList<>();
        try (ToyModel model = new ToyModel(1)) {
            TrainingResult result = new Trainer(model, plan("softmax"), config().withEpochs(1).withEvalSteps(3), output,
                    List.of(new ConstantEvaluator()), List.of(new TrainingListener() {
                        @Override
                        public void onEvaluation(long step, Map<String, Double> metrics) {
                            evaluatedAt.add(step);
                        }
                    })).train(rows, false);
            assertThat(evaluatedAt).containsExactly(3L, 4L);
            assertThat(result.evaluation()).containsEntry("toy.metric", 1.0);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reports one fixed metric, after embedding one text through the model's inference path. */
    private static final class ConstantEvaluator implements dev.contrastive4j.evaluation.Evaluator {
        @Override
        public String name() {
            return "toy";
        }

        @Override
        public dev.contrastive4j.evaluation.EvaluationResult evaluate(dev.contrastive4j.evaluation.TextEmbedder embedder) {
            assertThat(embedder.embed(List.of("probe"))).hasDimensions(1, ToyModel.DIMENSION);
            return dev.contrastive4j.evaluation.EvaluationResult.builder("toy").put("toy.metric", 1.0).build();
        }
    }

    @Test
    void theBestModelByAMetricIsKept(@TempDir Path output) throws Exception {
        List<Triplet> rows = data(32);
        double[] scores = {0.2, 0.9, 0.5, 0.7};
        int[] call = {0};
        dev.contrastive4j.evaluation.Evaluator scripted = new dev.contrastive4j.evaluation.Evaluator() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public dev.contrastive4j.evaluation.EvaluationResult evaluate(
                    dev.contrastive4j.evaluation.TextEmbedder embedder) {
                return dev.contrastive4j.evaluation.EvaluationResult.builder("scripted")
                        .put("scripted.score", scores[call[0]++]).build();
            }
        };
        try (ToyModel model = new ToyModel(1)) {
            BestModelKeeper keeper = new BestModelKeeper("scripted.score", model, output);
            List<String> savedAt = new ArrayList<>();
            new Trainer(model, plan("softmax"), config().withEpochs(1).withEvalSteps(1), output, List.of(scripted),
                    List.of(keeper, new TrainingListener() {
                        @Override
                        public void onEvaluation(long step, Map<String, Double> metrics) {
                            savedAt.add(step + ":" + readLines(output.resolve("best/toy-model.txt")).get(0));
                        }
                    })).train(rows, false);

            assertThat(keeper.bestStep()).isEqualTo(2);
            assertThat(keeper.best()).hasValue(0.9);
            // The best folder holds the parameters of step 2, not of the later, worse steps.
            String atStep2 = savedAt.get(1).substring(2);
            assertThat(readLines(output.resolve("best/toy-model.txt")).get(0)).isEqualTo(atStep2);
            assertThat(savedAt.get(3).substring(2)).isEqualTo(atStep2);
        }
    }
}
