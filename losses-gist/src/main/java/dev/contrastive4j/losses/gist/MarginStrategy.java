package dev.contrastive4j.losses.gist;

import dev.contrastive4j.spi.ContrastiveException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How GISTEmbed turns a row's threshold (the guide's similarity of anchor i with positive i) and the margin
 * into the bound above which a candidate counts as a false negative and is dropped.
 */
public enum MarginStrategy {

    /** Drops candidates whose guide similarity exceeds {@code threshold − margin}. */
    ABSOLUTE {
        @Override
        public double bound(double threshold, double margin) {
            return threshold - margin;
        }
    },

    /**
     * Drops candidates whose guide similarity exceeds {@code threshold − |threshold| · margin}: the margin as a
     * fraction of the threshold. For a threshold ≥ 0 (the usual case) this is sentence-transformers'
     * {@code threshold · (1 − margin)}; for a negative one the absolute value keeps a larger margin dropping
     * more, as with {@link #ABSOLUTE}, where {@code threshold · (1 − margin)} would drop less.
     */
    RELATIVE {
        @Override
        public double bound(double threshold, double margin) {
            return threshold - Math.abs(threshold) * margin;
        }
    };

    /** The words a loss expression may use, in declaration order. */
    public static final List<String> PARAMETER_VALUES =
            Arrays.stream(values()).map(MarginStrategy::parameterValue).toList();

    /** The guide similarity above which a candidate of the row with this threshold is dropped. */
    public abstract double bound(double threshold, double margin);

    /** The word in a loss expression: {@code absolute} or {@code relative}. */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The strategy a loss expression names.
     *
     * @throws ContrastiveException for any other word
     */
    public static MarginStrategy fromParameter(String value) {
        for (MarginStrategy strategy : values()) {
            if (strategy.parameterValue().equals(value)) {
                return strategy;
            }
        }
        throw new ContrastiveException("margin_strategy: expected one of " + String.join(", ", PARAMETER_VALUES)
                + ", got '" + value + "'");
    }
}
