package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.train.StepMetrics;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonRunnerResumeTest {

    @TempDir
    static Path workspace;
    static CompareFixture fixture;
    static PluginRegistry registry;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        fixture = CompareFixture.create(workspace);
        registry = PluginRegistry.discover(ComparisonRunnerResumeTest.class.getClassLoader());
    }

    /** 24 rows in batches of 8: 3 updates, a checkpoint after each, the curve evaluated after each. */
    private static ComparePlan plan() {
        TrainingConfig training = TrainingConfig.defaults().withBatchSize(8).withLearningRate(1e-3).withEvalSteps(1)
                .withSaveSteps(1);
        return new ComparePlan(fixture.model().toString(), OptionalInt.empty(), fixture.train(), OptionalInt.empty(),
                TestSet.of(fixture.test()), 6, ComparePlan.DEFAULT_METRICS, 1, training,
                List.of(new CompareConfiguration("good", "mnrl")), List.of());
    }

    /** Stops a run after an update, as a crash would, after that update's checkpoint was due. */
    private static final class StopAfter implements TrainingListener {
        private final long step;

        StopAfter(long step) {
            this.step = step;
        }

        @Override
        public void onStep(StepMetrics metrics) {
            if (metrics.step() == step + 1) {
                throw new IllegalStateException("stopped before update " + metrics.step() + " was saved");
            }
        }
    }

    @Test
    void anInterruptedRunContinuesFromItsCheckpointAndEndsAsTheUninterruptedRunDoes() throws Exception {
        Path interrupted = workspace.resolve("interrupted");
        List<String> log = new ArrayList<>();
        List<RunRecord> first = Comparison.builder().plan(plan()).output(interrupted).registry(registry)
                .log(log::add).listener(new StopAfter(1)).build().run().records();
        assertThat(first.get(1).ok()).isFalse();
        assertThat(first.get(1).reason()).isEqualTo("IllegalStateException: stopped before update 2 was saved");
        assertThat(interrupted.resolve("good/seed-42/checkpoints/step-00000001")).isDirectory();

        List<RunRecord> resumed = Comparison.builder().plan(plan()).output(interrupted).registry(registry)
                .log(log::add).resume(true).build().run().records();
        List<RunRecord> straight = Comparison.builder().plan(plan()).output(workspace.resolve("straight"))
                .registry(registry).build().run().records();

        assertThat(log).anyMatch(line -> line.contains("good (seed 42): failed before"))
                .anyMatch(line -> line.contains("continuing from its checkpoint"));
        RunRecord after = resumed.get(1);
        assertThat(after.ok()).isTrue();
        assertThat(after.steps()).isEqualTo(3);
        assertThat(after.curve()).extracting(CurvePoint::step).containsExactly(1L, 2L, 3L);
        List<Long> loggedSteps = new ArrayList<>();
        for (String line : Files.readAllLines(interrupted.resolve("good/seed-42/metrics.jsonl"), StandardCharsets.UTF_8)) {
            var node = new ObjectMapper().readTree(line);
            if (node.has("loss")) {
                loggedSteps.add(node.get("step").asLong());
            }
        }
        assertThat(loggedSteps).containsExactly(1L, 2L, 3L);
        RunRecord uninterrupted = straight.get(1);
        for (String metric : ComparePlan.DEFAULT_METRICS) {
            assertThat(after.metrics().get(metric)).as(metric).isCloseTo(uninterrupted.metrics().get(metric),
                    within(1e-6));
        }
        assertThat(after.finalLoss()).isCloseTo(uninterrupted.finalLoss(), within(1e-5));
    }
}
