package dev.contrastive4j.cli;

import dev.contrastive4j.train.StepMetrics;
import dev.contrastive4j.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows a training run on the terminal as a live bar: step, loss, learning rate, rows per second and ETA. */
final class ProgressBarListener implements ProgressDisplay {

    private final String task;
    private final PrintStream stream;
    private ProgressBar bar;

    ProgressBarListener(String task, PrintStream stream) {
        this.task = task;
        this.stream = stream;
    }

    @Override
    public void onStart(long firstStep, long totalSteps) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .setUpdateIntervalMillis(1000)
                .startsFrom(firstStep, java.time.Duration.ZERO)
                .build();
    }

    @Override
    public void onStep(StepMetrics m) {
        bar.stepTo(m.step());
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f lr %.2e %.1f rows/s", m.loss(), m.learningRate(),
                m.rowsPerSecond()));
    }

    @Override
    public void onEvaluation(long step, Map<String, Double> metrics) {
        if (bar != null) {
            bar.pause();
        }
        stream.println();
        stream.println(ProgressDisplay.evaluationLine(step, metrics));
        if (bar != null) {
            bar.resume();
        }
    }

    @Override
    public void onCheckpoint(long step, Path folder) {
        if (bar != null) {
            bar.setExtraMessage(" checkpoint " + folder.getFileName());
        }
    }

    @Override
    public void onFinish(TrainingResult result) {
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
