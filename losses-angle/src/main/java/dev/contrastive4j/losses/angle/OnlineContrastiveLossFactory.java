package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;
import java.util.Set;

/**
 * Creates {@link OnlineContrastiveLoss}: {@code online-contrastive}, alias {@code onlinecontrastiveloss},
 * parameters {@code distance} and {@code margin} (declared as for {@code contrastive}).
 */
public final class OnlineContrastiveLossFactory implements LossFactory {

    private static final LossDescriptor DESCRIPTOR = new LossDescriptor(OnlineContrastiveLoss.NAME,
            List.of("onlinecontrastiveloss"),
            "Contrastive loss on the batch's hard pairs only: far positives and close negatives, summed.",
            Set.of(DataFormat.SCORED_PAIR),
            List.of(ContrastiveLossFactory.distanceSpec(), ContrastiveLossFactory.marginSpec()), false);

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
