package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;

/** Creates {@link AnglELoss}: {@code angle}, alias {@code angleloss}, parameter {@code scale}. */
public final class AnglELossFactory implements LossFactory {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(AnglELoss.NAME)
            .aliases("angleloss")
            .summary("Ranks scored pairs by their angle difference in complex space in the order of their gold scores"
                    + " (AnglE).")
            .formats(DataFormat.SCORED_PAIR)
            .parameter(ScaleParameter.spec(AnglELoss.DEFAULT_SCALE))
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AnglELoss create(ParameterValues parameters) {
        return new AnglELoss(parameters.getDouble(ScaleParameter.NAME));
    }
}
