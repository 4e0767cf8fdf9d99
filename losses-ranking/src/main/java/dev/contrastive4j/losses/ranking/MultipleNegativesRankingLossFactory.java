package dev.contrastive4j.losses.ranking;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;
import java.util.Set;

/** Creates {@link MultipleNegativesRankingLoss}, registered as {@code mnrl}. */
public final class MultipleNegativesRankingLossFactory implements LossFactory {

    /** The canonical name. */
    public static final String NAME = "mnrl";

    private static final LossDescriptor DESCRIPTOR = new LossDescriptor(
            NAME,
            List.of("multiplenegativesrankingloss"),
            "Softmax over every positive and hard negative of the batch; the target is the row's own positive.",
            Set.of(DataFormat.PAIR, DataFormat.TRIPLET),
            MnrlParameters.SPECS,
            false);

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(ParameterValues parameters) {
        return MnrlParameters.loss(parameters);
    }
}
