package dev.contrastive4j.losses.ranking;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;

/** Creates {@link MultipleNegativesRankingLoss}, registered as {@code mnrl}. */
public final class MultipleNegativesRankingLossFactory implements LossFactory {

    /** The canonical name. */
    public static final String NAME = "mnrl";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(NAME)
            .aliases("multiplenegativesrankingloss")
            .summary("Softmax over every positive and hard negative of the batch; the target is the row's own"
                    + " positive.")
            .formats(DataFormat.PAIR, DataFormat.TRIPLET)
            .parameters(MnrlParameters.SPECS)
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(ParameterValues parameters) {
        return MnrlParameters.loss(parameters);
    }
}
