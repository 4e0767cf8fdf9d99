package dev.contrastive4j.cli;

import dev.contrastive4j.train.StepMetrics;
import dev.contrastive4j.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a training run as plain lines, for logs and pipes: the first and the last update, and one in between every
 * {@value #SECONDS_BETWEEN_LINES} seconds, each with step, loss, learning rate, rows per second and ETA; every
 * evaluation and checkpoint on a line of its own.
 */
final class ProgressLogListener implements ProgressDisplay {

    static final double SECONDS_BETWEEN_LINES = 10;

    private final String task;
    private final PrintStream stream;
    private long firstStep;
    private double lastLineSeconds = Double.NEGATIVE_INFINITY;

    ProgressLogListener(String task, PrintStream stream) {
        this.task = task;
        this.stream = stream;
    }

    @Override
    public void onStart(long firstStep, long totalSteps) {
        this.firstStep = firstStep;
        lastLineSeconds = Double.NEGATIVE_INFINITY;
    }

    @Override
    public void onStep(StepMetrics m) {
        boolean last = m.step() >= m.totalSteps();
        if (!last && m.elapsedSeconds() - lastLineSeconds < SECONDS_BETWEEN_LINES) {
            return;
        }
        lastLineSeconds = m.elapsedSeconds();
        long done = m.step() - firstStep;
        String eta = last ? "done" : done <= 0 ? "?" : duration(m.elapsedSeconds() / done * (m.totalSteps() - m.step()));
        stream.printf(Locale.ROOT, "%s step %d/%d  loss %.4f  lr %.2e  %.1f rows/s  elapsed %s  eta %s%n", task,
                m.step(), m.totalSteps(), m.loss(), m.learningRate(), m.rowsPerSecond(), duration(m.elapsedSeconds()),
                eta);
        stream.flush();
    }

    @Override
    public void onEvaluation(long step, Map<String, Double> metrics) {
        stream.println(task + " " + ProgressDisplay.evaluationLine(step, metrics));
        stream.flush();
    }

    @Override
    public void onCheckpoint(long step, Path folder) {
        stream.printf(Locale.ROOT, "%s checkpoint %s%n", task, folder.getFileName());
        stream.flush();
    }

    @Override
    public void onFinish(TrainingResult result) {
        close();
    }

    @Override
    public void close() {
        stream.flush();
    }

    private static String duration(double seconds) {
        long whole = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60);
    }
}
