package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;

/** Creates {@link CoSENTLoss}: {@code cosent}, alias {@code cosentloss}, parameter {@code scale}. */
public final class CoSENTLossFactory implements LossFactory {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(CoSENTLoss.NAME)
            .aliases("cosentloss")
            .summary("Ranks scored pairs by cosine similarity in the order of their gold scores (CoSENT).")
            .formats(DataFormat.SCORED_PAIR)
            .parameter(ScaleParameter.spec(CoSENTLoss.DEFAULT_SCALE))
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CoSENTLoss create(ParameterValues parameters) {
        return new CoSENTLoss(parameters.getDouble(ScaleParameter.NAME));
    }
}
