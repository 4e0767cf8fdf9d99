package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;
import java.util.Set;

/** Creates {@link CoSENTLoss}: {@code cosent}, alias {@code cosentloss}, parameter {@code scale}. */
public final class CoSENTLossFactory implements LossFactory {

    private static final LossDescriptor DESCRIPTOR = new LossDescriptor(CoSENTLoss.NAME, List.of("cosentloss"),
            "Ranks scored pairs by cosine similarity in the order of their gold scores (CoSENT).",
            Set.of(DataFormat.SCORED_PAIR), List.of(ScaleParameter.spec(CoSENTLoss.DEFAULT_SCALE)), false);

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CoSENTLoss create(ParameterValues parameters) {
        return new CoSENTLoss(parameters.getDouble(ScaleParameter.NAME));
    }
}
