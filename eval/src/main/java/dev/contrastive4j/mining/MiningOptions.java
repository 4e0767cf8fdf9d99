package dev.contrastive4j.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How {@link HardNegativeMiner} chooses negatives, with sentence-transformers' {@code mine_hard_negatives}
 * semantics; built by {@link #builder()}, which checks every value.
 *
 * <p>For each anchor the corpus is ranked by cosine similarity to it, best first (equal scores by corpus order).
 * The anchor's positives, their exact duplicates and the anchor's own text are taken out of the ranking; then:
 * <ol>
 *   <li>the <b>window</b> is the first {@link #rangeMax()} candidates left;</li>
 *   <li>a candidate of the window is removed when its score {@code s} breaks a rule, against the anchor's positive
 *       score {@code p} (the lowest, when the anchor has several positives):
 *       absolute margin {@code m}: {@code s > p − m}; relative margin {@code r}: {@code s > p − |p|·r} (that is
 *       {@code p·(1 − r)} for {@code p ≥ 0}); {@code s > maxScore}; {@code s < minScore};</li>
 *   <li>the first {@link #rangeMin()} candidates that pass are dropped (they are the likeliest false negatives);</li>
 *   <li>{@link #numNegatives()} of the rest are taken: the first ones ({@link SamplingStrategy#TOP}) or a uniform
 *       sample without replacement ({@link SamplingStrategy#RANDOM}, reproducible from {@link #seed()}); either
 *       way they are written best first.</li>
 * </ol>
 */
public final class MiningOptions implements java.io.Serializable {

    /** Serialisable so that distributed mining ({@code contrastive4j-spark}) sends the options to its executors. */
    private static final long serialVersionUID = 1L;

    /** How many candidates the default window holds per negative when a margin or score bound removes some. */
    static final int FILTERED_WINDOW_PER_NEGATIVE = 10;

    private final int numNegatives;
    private final int rangeMin;
    private final Integer rangeMax;
    private final Double maxScore;
    private final Double minScore;
    private final Double absoluteMargin;
    private final Double relativeMargin;
    private final SamplingStrategy sampling;
    private final long seed;
    private final MiningOutputFormat outputFormat;
    private final int anchorBlockSize;
    private final int embeddingChunkSize;

    private MiningOptions(Builder builder) {
        this.numNegatives = builder.numNegatives;
        this.rangeMin = builder.rangeMin;
        this.rangeMax = builder.rangeMax;
        this.maxScore = builder.maxScore;
        this.minScore = builder.minScore;
        this.absoluteMargin = builder.absoluteMargin;
        this.relativeMargin = builder.relativeMargin;
        this.sampling = builder.sampling;
        this.seed = builder.seed;
        this.outputFormat = builder.outputFormat;
        this.anchorBlockSize = builder.anchorBlockSize;
        this.embeddingChunkSize = builder.embeddingChunkSize;
    }

    /** A builder with the defaults: 1 negative, window 0 to derived, top sampling, seed 42, triplets. */
    public static Builder builder() {
        return new Builder();
    }

    /** Negatives per anchor. */
    public int numNegatives() {
        return numNegatives;
    }

    /** How many of the candidates that pass every rule are dropped first. */
    public int rangeMin() {
        return rangeMin;
    }

    /** The window's end as given, if given; see {@link #resolvedRangeMax()}. */
    public OptionalInt rangeMax() {
        return rangeMax == null ? OptionalInt.empty() : OptionalInt.of(rangeMax);
    }

    /**
     * The window's end: as given, else {@code rangeMin + numNegatives}, or {@code rangeMin + 10·numNegatives}
     * when a margin or {@code maxScore} or {@code minScore} may remove candidates (sentence-transformers' rule,
     * less its room for the positives, which here never take a place in the ranking).
     */
    public int resolvedRangeMax() {
        if (rangeMax != null) {
            return rangeMax;
        }
        boolean filtered = absoluteMargin != null || relativeMargin != null || maxScore != null || minScore != null;
        return rangeMin + (filtered ? FILTERED_WINDOW_PER_NEGATIVE : 1) * numNegatives;
    }

    public OptionalDouble maxScore() {
        return maxScore == null ? OptionalDouble.empty() : OptionalDouble.of(maxScore);
    }

    public OptionalDouble minScore() {
        return minScore == null ? OptionalDouble.empty() : OptionalDouble.of(minScore);
    }

    /** A negative keeps {@code score ≤ positive − margin}. */
    public OptionalDouble absoluteMargin() {
        return absoluteMargin == null ? OptionalDouble.empty() : OptionalDouble.of(absoluteMargin);
    }

    /** A negative keeps {@code score ≤ positive − |positive|·margin}. */
    public OptionalDouble relativeMargin() {
        return relativeMargin == null ? OptionalDouble.empty() : OptionalDouble.of(relativeMargin);
    }

    public SamplingStrategy sampling() {
        return sampling;
    }

    /** The seed of {@link SamplingStrategy#RANDOM}. */
    public long seed() {
        return seed;
    }

    public MiningOutputFormat outputFormat() {
        return outputFormat;
    }

    /** Anchors embedded and searched together: their embeddings are the only per-anchor memory held at once. */
    public int anchorBlockSize() {
        return anchorBlockSize;
    }

    /** Texts handed to the embedder in one call (it sorts them by length and runs its own batches). */
    public int embeddingChunkSize() {
        return embeddingChunkSize;
    }

    /** One line for the summary, e.g. {@code 3 negatives, window 0–30, relative margin 0.05, top sampling}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(numNegatives + (numNegatives == 1 ? " negative" : " negatives"));
        parts.add("rank window " + rangeMin + "–" + resolvedRangeMax() + (rangeMax == null ? " (derived)" : ""));
        if (absoluteMargin != null) {
            parts.add("margin " + number(absoluteMargin));
        }
        if (relativeMargin != null) {
            parts.add("relative margin " + number(relativeMargin));
        }
        if (maxScore != null) {
            parts.add("max score " + number(maxScore));
        }
        if (minScore != null) {
            parts.add("min score " + number(minScore));
        }
        parts.add(sampling.cliName() + " sampling" + (sampling == SamplingStrategy.RANDOM ? " (seed " + seed + ")" : ""));
        parts.add(outputFormat.cliName());
        return String.join(", ", parts);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    /** Collects options; {@link #build()} checks them all and names the first that is out of range. */
    public static final class Builder {
        private int numNegatives = 1;
        private int rangeMin;
        private Integer rangeMax;
        private Double maxScore;
        private Double minScore;
        private Double absoluteMargin;
        private Double relativeMargin;
        private SamplingStrategy sampling = SamplingStrategy.TOP;
        private long seed = 42;
        private MiningOutputFormat outputFormat = MiningOutputFormat.TRIPLETS;
        private int anchorBlockSize = 1024;
        private int embeddingChunkSize = 1024;

        private Builder() {
        }

        public Builder numNegatives(int numNegatives) {
            this.numNegatives = numNegatives;
            return this;
        }

        public Builder rangeMin(int rangeMin) {
            this.rangeMin = rangeMin;
            return this;
        }

        /** The window's end; {@code null} derives it (see {@link MiningOptions#resolvedRangeMax()}). */
        public Builder rangeMax(Integer rangeMax) {
            this.rangeMax = rangeMax;
            return this;
        }

        /** {@code null}: no upper bound. */
        public Builder maxScore(Double maxScore) {
            this.maxScore = maxScore;
            return this;
        }

        /** {@code null}: no lower bound. */
        public Builder minScore(Double minScore) {
            this.minScore = minScore;
            return this;
        }

        /** {@code null}: no absolute margin. */
        public Builder absoluteMargin(Double absoluteMargin) {
            this.absoluteMargin = absoluteMargin;
            return this;
        }

        /** {@code null}: no relative margin. */
        public Builder relativeMargin(Double relativeMargin) {
            this.relativeMargin = relativeMargin;
            return this;
        }

        public Builder sampling(SamplingStrategy sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder outputFormat(MiningOutputFormat outputFormat) {
            this.outputFormat = Objects.requireNonNull(outputFormat, "outputFormat");
            return this;
        }

        public Builder anchorBlockSize(int anchorBlockSize) {
            this.anchorBlockSize = anchorBlockSize;
            return this;
        }

        public Builder embeddingChunkSize(int embeddingChunkSize) {
            this.embeddingChunkSize = embeddingChunkSize;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the option (as the command line spells it), its value and the
         *     range it must be in
         */
        public MiningOptions build() {
            require(numNegatives >= 1, "--num-negatives must be at least 1, got " + numNegatives);
            require(rangeMin >= 0, "--range-min must be at least 0, got " + rangeMin);
            if (rangeMax != null) {
                require(rangeMax > rangeMin, "--range-max must be larger than --range-min (" + rangeMin + "), got "
                        + rangeMax);
                require(rangeMax - rangeMin >= numNegatives, "cannot mine " + numNegatives + " negatives from the "
                        + (rangeMax - rangeMin) + " places between --range-min " + rangeMin + " and --range-max "
                        + rangeMax + ": lower --num-negatives or widen the window");
            }
            requireScore(maxScore, "--max-score");
            requireScore(minScore, "--min-score");
            if (maxScore != null && minScore != null) {
                require(minScore <= maxScore, "--min-score " + minScore + " is larger than --max-score " + maxScore
                        + ": no candidate could pass");
            }
            if (absoluteMargin != null) {
                require(Double.isFinite(absoluteMargin) && absoluteMargin >= 0 && absoluteMargin <= 2,
                        "--margin must be in [0, 2] (a difference of cosine similarities), got " + absoluteMargin);
            }
            if (relativeMargin != null) {
                require(Double.isFinite(relativeMargin) && relativeMargin >= 0 && relativeMargin <= 1,
                        "--relative-margin must be in [0, 1] (a fraction of the positive's score), got "
                                + relativeMargin);
            }
            require(anchorBlockSize >= 1, "the anchor block size must be at least 1, got " + anchorBlockSize);
            require(embeddingChunkSize >= 1, "the embedding chunk size must be at least 1, got " + embeddingChunkSize);
            return new MiningOptions(this);
        }

        private static void requireScore(Double score, String name) {
            if (score != null) {
                require(Double.isFinite(score) && score >= -1 && score <= 1,
                        name + " must be a cosine similarity in [-1, 1], got " + score);
            }
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
