package dev.contrastive4j.losses.ranking;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.Arrays;

/** Creates {@link TripletLoss}, registered as {@code triplet}. */
public final class TripletLossFactory implements LossFactory {

    /** The canonical name. */
    public static final String NAME = "triplet";

    static final String DISTANCE = "distance";
    static final String MARGIN = "margin";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(NAME)
            .aliases("tripletloss")
            .summary("Hinge on d(anchor, positive) - d(anchor, negative) + margin, using each row's first negative.")
            .formats(DataFormat.TRIPLET)
            .parameter(ParameterSpec.choice(DISTANCE, TripletDistance.EUCLIDEAN.parameterValue(),
                            Arrays.stream(TripletDistance.values()).map(TripletDistance::parameterValue).toList(),
                            "How far apart two embeddings are."))
            .parameter(ParameterSpec.number(MARGIN, 5.0,
                            "Required gap between the negative's and the positive's distance.").atLeast(0))
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(ParameterValues parameters) {
        return new TripletLoss(TripletDistance.fromParameter(parameters.getString(DISTANCE)),
                parameters.getDouble(MARGIN));
    }
}
