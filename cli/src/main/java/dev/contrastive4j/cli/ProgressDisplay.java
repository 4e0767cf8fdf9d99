package dev.contrastive4j.cli;

import dev.contrastive4j.compare.RunProgress;
import java.util.Locale;
import java.util.Map;

/** How a training run shows its progress on standard error: a live bar on a terminal, plain lines in a log. */
interface ProgressDisplay extends RunProgress {

    @Override
    void close();

    /**
     * A bar that redraws itself when the user watches a terminal; otherwise lines a log file can hold, since a bar's
     * carriage returns would pile up into one endless line there.
     */
    static ProgressDisplay forStandardError(String task) {
        return System.console() != null ? new ProgressBarListener(task, System.err)
                : new ProgressLogListener(task, System.err);
    }

    /** {@code eval @ step N: name=value ...}, the one format both displays print an evaluation in. */
    static String evaluationLine(long step, Map<String, Double> metrics) {
        StringBuilder line = new StringBuilder("eval @ step ").append(step).append(':');
        metrics.forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s=%.4f", name, value)));
        return line.toString();
    }
}
