package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;
import java.util.Set;

/** Creates {@link AnglELoss}: {@code angle}, alias {@code angleloss}, parameter {@code scale}. */
public final class AnglELossFactory implements LossFactory {

    private static final LossDescriptor DESCRIPTOR = new LossDescriptor(AnglELoss.NAME, List.of("angleloss"),
            "Ranks scored pairs by their angle difference in complex space in the order of their gold scores (AnglE).",
            Set.of(DataFormat.SCORED_PAIR), List.of(ScaleParameter.spec(AnglELoss.DEFAULT_SCALE)), false);

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AnglELoss create(ParameterValues parameters) {
        return new AnglELoss(parameters.getDouble(ScaleParameter.NAME));
    }
}
