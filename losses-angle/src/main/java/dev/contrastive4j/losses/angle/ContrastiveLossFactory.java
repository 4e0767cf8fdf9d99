package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;

/**
 * Creates {@link ContrastiveLoss}: {@code contrastive}, alias {@code contrastiveloss}, parameters {@code distance},
 * {@code margin} and {@code size_average}.
 */
public final class ContrastiveLossFactory implements LossFactory {

    static final String MARGIN = "margin";
    static final String SIZE_AVERAGE = "size_average";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(ContrastiveLoss.NAME)
            .aliases("contrastiveloss")
            .summary("Pulls pairs labelled 1 together and pushes pairs labelled 0 beyond a margin (Hadsell et al.).")
            .formats(DataFormat.SCORED_PAIR)
            .parameter(distanceSpec())
            .parameter(marginSpec())
            .parameter(ParameterSpec.bool(SIZE_AVERAGE, true, "Average the pairs' losses (true) or sum them (false)."))
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ContrastiveLoss create(ParameterValues parameters) {
        return new ContrastiveLoss(SiameseDistance.fromParameter(parameters.getString(SiameseDistance.PARAMETER)),
                parameters.getDouble(MARGIN), parameters.getBoolean(SIZE_AVERAGE));
    }

    /** The distance parameter both contrastive losses declare. */
    static ParameterSpec distanceSpec() {
        return ParameterSpec.choice(SiameseDistance.PARAMETER, SiameseDistance.COSINE.parameterValue(),
                SiameseDistance.parameterValues(),
                "How far apart two embeddings are: 1 - cosine, or the L2 or L1 norm of their difference.");
    }

    /** The margin parameter both contrastive losses declare. */
    static ParameterSpec marginSpec() {
        return ParameterSpec.number(MARGIN, ContrastiveLoss.DEFAULT_MARGIN,
                "Negative pairs further apart than this cost nothing.").atLeast(0);
    }
}
