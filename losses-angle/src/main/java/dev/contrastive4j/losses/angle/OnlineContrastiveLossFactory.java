package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;

/**
 * Creates {@link OnlineContrastiveLoss}: {@code online-contrastive}, alias {@code onlinecontrastiveloss},
 * parameters {@code distance} and {@code margin} (declared as for {@code contrastive}).
 */
public final class OnlineContrastiveLossFactory implements LossFactory {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(OnlineContrastiveLoss.NAME)
            .aliases("onlinecontrastiveloss")
            .summary("Contrastive loss on the batch's hard pairs only: far positives and close negatives, summed.")
            .formats(DataFormat.SCORED_PAIR)
            .parameter(ContrastiveLossFactory.distanceSpec())
            .parameter(ContrastiveLossFactory.marginSpec())
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public OnlineContrastiveLoss create(ParameterValues parameters) {
        return new OnlineContrastiveLoss(
                SiameseDistance.fromParameter(parameters.getString(SiameseDistance.PARAMETER)),
                parameters.getDouble(ContrastiveLossFactory.MARGIN));
    }
}
