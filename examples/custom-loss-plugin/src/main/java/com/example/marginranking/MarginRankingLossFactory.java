package com.example.marginranking;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;

/** Describes {@link MarginRankingLoss} to {@code c4j} and creates it from a loss expression's parameters. */
public final class MarginRankingLossFactory implements LossFactory {

    /** The name a loss expression uses: {@code 0.5*mnrl + 0.5*margin-ranking(margin=0.3)}. */
    public static final String NAME = "margin-ranking";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(NAME)
            .aliases("marginrankingloss")
            .summary("Hinge on cosine similarities: each negative must be margin less similar to the anchor than the"
                    + " positive.")
            .formats(DataFormat.TRIPLET)
            .parameter(ParameterSpec.number("margin", 0.2, "Required gap between positive and negative cosine.")
                    .atLeast(0))
            .parameter(ParameterSpec.bool("in_batch_negatives", false, "Also use the other rows' positives as"
                    + " negatives."))
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(ParameterValues parameters) {
        return new MarginRankingLoss(parameters.getDouble("margin"), parameters.getBoolean("in_batch_negatives"));
    }
}
