package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;

/** Creates {@link CosineSimilarityLoss}: {@code cosine}, alias {@code cosinesimilarityloss}, no parameters. */
public final class CosineSimilarityLossFactory implements LossFactory {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(CosineSimilarityLoss.NAME)
            .aliases("cosinesimilarityloss")
            .summary("Mean squared error between the cosine similarity of each pair and its gold score.")
            .formats(DataFormat.SCORED_PAIR)
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CosineSimilarityLoss create(ParameterValues parameters) {
        return new CosineSimilarityLoss();
    }
}
