package dev.contrastive4j.mining;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a mining run did: how many anchors got how many negatives, which were skipped and why, how many
 * candidates each rule removed, and the score distributions of the positives and of the chosen negatives.
 *
 * @param options the options the run used
 * @param output the file written
 * @param inputRows rows read from the input
 * @param anchors distinct anchors among them
 * @param corpusDocuments distinct candidate documents (the corpus and the positives)
 * @param rowsWritten rows in the output
 * @param anchorsByNegativeCount element {@code j}: distinct anchors for which {@code j} negatives were found
 * @param skippedNoCandidate anchors with no candidate left after the rules: nothing written for them
 * @param skippedTooFew anchors with some but fewer than {@code numNegatives} negatives, skipped because every row of
 *     a triplet file has the same columns (always 0 for pairs, which write what was found)
 * @param removedByRule candidates of the windows removed by each rule, under its option name, in rule order
 * @param positives the anchor–positive cosine similarities of every input row
 * @param negatives the anchor–negative cosine similarities of every chosen negative of every anchor
 * @param embeddingSeconds time spent embedding the corpus and the anchors
 * @param searchSeconds time spent in the exact top-k search and the selection
 * @param totalSeconds the whole run, reading excluded
 */
public record MiningResult(MiningOptions options, Path output, long inputRows, long anchors, long corpusDocuments,
        long rowsWritten, long[] anchorsByNegativeCount, long skippedNoCandidate, long skippedTooFew,
        Map<String, Long> removedByRule, ScoreDistribution positives, ScoreDistribution negatives,
        double embeddingSeconds, double searchSeconds, double totalSeconds) {

    public MiningResult {
        anchorsByNegativeCount = anchorsByNegativeCount.clone();
        removedByRule = Map.copyOf(removedByRule);
    }

    @Override
    public long[] anchorsByNegativeCount() {
        return anchorsByNegativeCount.clone();
    }

    /** The summary as the command line prints it. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Mined %,d distinct anchors (%,d rows) against %,d candidate documents: %s%n",
                anchors, inputRows, corpusDocuments, options.describe()));
        List<String> counts = new ArrayList<>();
        for (int j = anchorsByNegativeCount.length - 1; j >= 0; j--) {
            if (anchorsByNegativeCount[j] > 0) {
                counts.add(String.format(Locale.ROOT, "%d: %,d", j, anchorsByNegativeCount[j]));
            }
        }
        text.append("Negatives found per anchor (negatives: anchors): ").append(String.join(", ", counts))
                .append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "Skipped anchors: %,d with no candidate left, %,d with fewer than %d"
                + " negatives%s%n", skippedNoCandidate, skippedTooFew, options.numNegatives(),
                options.outputFormat() == MiningOutputFormat.TRIPLETS ? " (a triplet row needs all of them)" : ""));
        List<String> removed = new ArrayList<>();
        for (NegativeSelector.Rule rule : NegativeSelector.Rule.values()) {
            Long count = removedByRule.get(rule.option());
            if (count != null) {
                removed.add(String.format(Locale.ROOT, "%,d by %s", count, rule.option()));
            }
        }
        text.append("Candidates removed from the windows: ").append(removed.isEmpty() ? "none (no rule set)"
                : String.join(", ", removed)).append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "%-9s %9s %8s %8s %8s %8s %8s %8s %8s%n", "scores", "count", "mean",
                "std", "min", "25%", "median", "75%", "max"));
        text.append(row("positive", positives)).append(row("negative", negatives));
        text.append(String.format(Locale.ROOT, "Wrote %,d rows to %s (%.1f s: embedding %.1f s, search %.1f s)%n",
                rowsWritten, output, totalSeconds, embeddingSeconds, searchSeconds));
        return text.toString();
    }

    private static String row(String name, ScoreDistribution d) {
        return String.format(Locale.ROOT, "%-9s %,9d %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f%n", name, d.count(),
                d.mean(), d.std(), d.min(), d.q25(), d.median(), d.q75(), d.max());
    }
}
