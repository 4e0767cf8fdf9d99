package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.train.StepMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLogListenerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressLogListener listener = new ProgressLogListener("mnrl",
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void printsTheFirstTheLastAndOneUpdateEveryTenSecondsEachOnItsOwnLine() {
        listener.onStart(0, 6);
        for (int step = 1; step <= 6; step++) {
            listener.onStep(metrics(step, 6, 4.0 * step)); // 4 s per update: lines at 4 s, 16 s (12 s after) and 24 s
        }

        assertThat(lines()).containsExactly(
                "mnrl step 1/6  loss 0.5000  lr 1.00e-04  8.0 rows/s  elapsed 0:00:04  eta 0:00:20",
                "mnrl step 4/6  loss 0.5000  lr 1.00e-04  8.0 rows/s  elapsed 0:00:16  eta 0:00:08",
                "mnrl step 6/6  loss 0.5000  lr 1.00e-04  8.0 rows/s  elapsed 0:00:24  eta done");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void aResumedRunEstimatesFromTheUpdatesItMadeItself() {
        listener.onStart(90, 120);
        listener.onStep(metrics(100, 120, 50)); // 10 updates in 50 s since the resume: 20 left take 100 s

        assertThat(lines()).containsExactly(
                "mnrl step 100/120  loss 0.5000  lr 1.00e-04  8.0 rows/s  elapsed 0:00:50  eta 0:01:40");
    }

    @Test
    void evaluationsAndCheckpointsGetALineEach() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("triplet.cosine_accuracy", 0.71875);
        metrics.put("ir.mrr@10", 0.2);
        listener.onStart(0, 10);
        listener.onEvaluation(5, metrics);
        listener.onCheckpoint(10, Path.of("runs", "x", "checkpoints", "step-00000010"));

        assertThat(lines()).containsExactly(
                "mnrl eval @ step 5: triplet.cosine_accuracy=0.7188 ir.mrr@10=0.2000",
                "mnrl checkpoint step-00000010");
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static StepMetrics metrics(long step, long total, double elapsedSeconds) {
        return new StepMetrics(step, total, 0, 0.5, Map.of("mnrl", 0.5), 1e-4, 1.0, 8.0, elapsedSeconds);
    }
}
