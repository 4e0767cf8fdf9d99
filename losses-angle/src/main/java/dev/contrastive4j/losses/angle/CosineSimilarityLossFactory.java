package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;
import java.util.Set;

/** Creates {@link CosineSimilarityLoss}: {@code cosine}, alias {@code cosinesimilarityloss}, no parameters. */
public final class CosineSimilarityLossFactory implements LossFactory {

    private static final LossDescriptor DESCRIPTOR = new LossDescriptor(CosineSimilarityLoss.NAME,
            List.of("cosinesimilarityloss"),
            "Mean squared error between the cosine similarity of each pair and its gold score.",
            Set.of(DataFormat.SCORED_PAIR), List.of(), false);

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CosineSimilarityLoss create(ParameterValues parameters) {
        return new CosineSimilarityLoss();
    }
}
