package dev.contrastive4j.losses.ranking;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.ArrayList;
import java.util.List;

/** Creates {@link CachedMultipleNegativesRankingLoss}, registered as {@code cmnrl}. */
public final class CachedMultipleNegativesRankingLossFactory implements LossFactory {

    /** The canonical name. */
    public static final String NAME = "cmnrl";

    static final String MINI_BATCH_SIZE = "mini_batch_size";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(NAME)
            .aliases("cachedmultiplenegativesrankingloss")
            .summary("MNRL with gradient caching: same loss and gradients, memory bounded by a mini-batch.")
            .formats(DataFormat.PAIR, DataFormat.TRIPLET)
            .parameters(parameters())
            .build();

    private static List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(MnrlParameters.SPECS);
        specs.add(ParameterSpec.integer(MINI_BATCH_SIZE, 32,
                "Rows per forward pass; bounds memory, does not change the result.").atLeast(1));
        return specs;
    }

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(ParameterValues parameters) {
        return new CachedMultipleNegativesRankingLoss(MnrlParameters.loss(parameters),
                parameters.getInt(MINI_BATCH_SIZE));
    }
}
