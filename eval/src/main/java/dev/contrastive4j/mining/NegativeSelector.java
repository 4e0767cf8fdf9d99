package dev.contrastive4j.mining;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * The selection rules of {@link MiningOptions} applied to one anchor's ranking: window, margins, score bounds,
 * {@code rangeMin}, then top or random sampling. Pure: it sees scores and corpus indices, never texts or models.
 *
 * <p>Public so that mining spread over machines ({@code contrastive4j-spark}) selects each anchor's negatives with
 * this code, from the same ranking, and so chooses what {@link HardNegativeMiner} chooses.
 */
public final class NegativeSelector {

    /** Why a candidate of the window was removed; the rules are tried in this order and the first that fails counts. */
    public enum Rule {
        ABSOLUTE_MARGIN("--margin"),
        RELATIVE_MARGIN("--relative-margin"),
        MAX_SCORE("--max-score"),
        MIN_SCORE("--min-score");

        private final String option;

        Rule(String option) {
            this.option = option;
        }

        /** The command-line option that sets the rule. */
        String option() {
            return option;
        }
    }

    /**
     * One anchor's negatives.
     *
     * @param indices the chosen corpus indices, best first
     * @param scores their cosine similarities to the anchor, aligned with {@code indices}
     * @param windowSize the candidates in the window (fewer than {@code rangeMax} when the corpus runs out)
     * @param eligible the candidates that passed every rule and {@code rangeMin}: what sampling chose from
     * @param removedByRule candidates of the window removed by each {@link Rule}, by ordinal
     */
    public record Selection(int[] indices, double[] scores, int windowSize, int eligible, long[] removedByRule) {
    }

    private final MiningOptions options;
    private final int rangeMax;

    public NegativeSelector(MiningOptions options) {
        this.options = options;
        this.rangeMax = options.resolvedRangeMax();
    }

    /** The window's end this selector uses. */
    public int rangeMax() {
        return rangeMax;
    }

    /**
     * Chooses one anchor's negatives.
     *
     * @param ranked corpus indices, best first; must reach at least {@code rangeMax} candidates past the excluded
     *     ones, or the whole corpus
     * @param rankedScores their scores, aligned with {@code ranked}
     * @param excluded the anchor's positives (and duplicates) and its own text, which are never negatives and
     *     take no place in the window
     * @param positiveScore the anchor's positive score the margins are measured from
     * @param anchorIndex the anchor's position among the distinct anchors: with the seed, it picks the random sample
     */
    public Selection select(int[] ranked, double[] rankedScores, IntPredicate excluded, double positiveScore,
            int anchorIndex) {
        long[] removed = new long[Rule.values().length];
        int[] passing = new int[Math.min(rangeMax, ranked.length)];
        int passed = 0;
        int window = 0;
        for (int r = 0; r < ranked.length && window < rangeMax; r++) {
            if (excluded.test(ranked[r])) {
                continue;
            }
            window++;
            Rule broken = brokenRule(rankedScores[r], positiveScore);
            if (broken != null) {
                removed[broken.ordinal()]++;
            } else {
                passing[passed++] = r;
            }
        }
        int first = Math.min(options.rangeMin(), passed);
        int eligible = passed - first;
        int take = Math.min(options.numNegatives(), eligible);
        int[] positions = options.sampling() == SamplingStrategy.TOP
                ? Arrays.copyOfRange(passing, first, first + take)
                : sample(Arrays.copyOfRange(passing, first, passed), take, anchorIndex);
        int[] indices = new int[take];
        double[] scores = new double[take];
        for (int i = 0; i < take; i++) {
            indices[i] = ranked[positions[i]];
            scores[i] = rankedScores[positions[i]];
        }
        return new Selection(indices, scores, window, eligible, removed);
    }

    /** The first rule a candidate's score breaks, or {@code null} if it passes them all. */
    private Rule brokenRule(double score, double positiveScore) {
        if (options.absoluteMargin().isPresent() && score > positiveScore - options.absoluteMargin().getAsDouble()) {
            return Rule.ABSOLUTE_MARGIN;
        }
        if (options.relativeMargin().isPresent()
                && score > positiveScore - Math.abs(positiveScore) * options.relativeMargin().getAsDouble()) {
            return Rule.RELATIVE_MARGIN;
        }
        if (options.maxScore().isPresent() && score > options.maxScore().getAsDouble()) {
            return Rule.MAX_SCORE;
        }
        if (options.minScore().isPresent() && score < options.minScore().getAsDouble()) {
            return Rule.MIN_SCORE;
        }
        return null;
    }

    /**
     * {@code take} of {@code candidates} drawn uniformly without replacement (a partial Fisher–Yates shuffle), back
     * in rank order. Each anchor has its own generator from the seed and its index, so the sample does not depend
     * on the block the anchor was searched in, nor on the anchors before it.
     */
    private int[] sample(int[] candidates, int take, int anchorIndex) {
        SplittableRandom random = new SplittableRandom(mix(options.seed(), anchorIndex));
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(candidates.length - i);
            int swap = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = swap;
        }
        int[] chosen = Arrays.copyOf(candidates, take);
        Arrays.sort(chosen);
        return chosen;
    }

    /** A 64-bit mix of the seed and the anchor index (the MurmurHash3 finaliser), so nearby seeds give unrelated streams. */
    private static long mix(long seed, int anchorIndex) {
        long z = seed * 0x9E3779B97F4A7C15L + anchorIndex;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
