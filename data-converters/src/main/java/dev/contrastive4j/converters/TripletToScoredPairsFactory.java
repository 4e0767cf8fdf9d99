package dev.contrastive4j.converters;

import dev.contrastive4j.spi.ConverterDescriptor;
import dev.contrastive4j.spi.ConverterFactory;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;

/**
 * Creates {@link TripletToScoredPairs}: {@code triplet-to-scored-pairs}, parameters {@code positive_score}
 * (default 1.0) and {@code negative_score} (default 0.0), both in [0, 1].
 */
public final class TripletToScoredPairsFactory implements ConverterFactory {

    static final String POSITIVE_SCORE = "positive_score";
    static final String NEGATIVE_SCORE = "negative_score";

    private static final ConverterDescriptor DESCRIPTOR = new ConverterDescriptor(TripletToScoredPairs.NAME,
            "(q, p, n1..nk) -> (q, p, positive_score), (q, n1, negative_score), ...; keeps which texts match,"
                    + " loses the joint contrast of each triplet",
            DataFormat.TRIPLET, DataFormat.SCORED_PAIR,
            List.of(ParameterSpec.number(POSITIVE_SCORE, 1.0, "Gold score of (anchor, positive) pairs.")
                            .atLeast(0).atMost(1),
                    ParameterSpec.number(NEGATIVE_SCORE, 0.0, "Gold score of (anchor, negative) pairs.")
                            .atLeast(0).atMost(1)));

    @Override
    public ConverterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TripletToScoredPairs create(ParameterValues parameters) {
        return new TripletToScoredPairs(parameters.getDouble(POSITIVE_SCORE), parameters.getDouble(NEGATIVE_SCORE));
    }
}
