package dev.contrastive4j.mining;

import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows mining writes for one anchor once its negatives are chosen: whether the anchor is written at all, and
 * its triplets (n-tuples) or labelled pairs. Public so that every miner ({@link HardNegativeMiner}, and the
 * distributed one of {@code contrastive4j-spark}) writes the same rows.
 */
public final class MinedRows {

    /** What becomes of an anchor with a given number of negatives. */
    public enum Outcome {
        /** Written. */
        WRITTEN,
        /** Skipped: no candidate passed the rules. */
        NO_CANDIDATE,
        /** Skipped: fewer negatives than asked for, and triplets need them all. */
        TOO_FEW
    }

    private MinedRows() {
    }

    /** Whether an anchor with {@code found} negatives is written, under {@code options}. */
    public static Outcome outcome(int found, MiningOptions options) {
        if (found == 0) {
            return Outcome.NO_CANDIDATE;
        }
        if (found < options.numNegatives() && options.outputFormat() == MiningOutputFormat.TRIPLETS) {
            return Outcome.TOO_FEW;
        }
        return Outcome.WRITTEN;
    }

    /**
     * One anchor's rows: a triplet per input row (its positive) with the same negatives, or a pair labelled 1 per
     * positive followed by a pair labelled 0 per negative; none when {@link #outcome} skips the anchor.
     *
     * @param rows the input rows of one anchor, in input order
     * @param negatives its negatives, best first
     */
    public static List<Example> of(List<Pair> rows, List<String> negatives, MiningOptions options) {
        if (outcome(negatives.size(), options) != Outcome.WRITTEN) {
            return List.of();
        }
        String anchor = rows.get(0).anchor();
        List<Example> examples = new ArrayList<>();
        if (options.outputFormat() == MiningOutputFormat.TRIPLETS) {
            for (Pair row : rows) {
                examples.add(new Triplet(anchor, row.positive(), negatives));
            }
        } else {
            for (Pair row : rows) {
                examples.add(new ScoredPair(anchor, row.positive(), 1.0));
            }
            for (String negative : negatives) {
                examples.add(new ScoredPair(anchor, negative, 0.0));
            }
        }
        return examples;
    }
}
