package dev.contrastive4j.losses.gist;

import com.google.inject.Inject;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.FrozenModels;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.ArrayList;
import java.util.List;

/** Creates {@link CachedGISTEmbedLoss}, registered as {@code cgist}; loads the guide through the SPI's {@link FrozenModels}. */
public final class CachedGISTEmbedLossFactory implements LossFactory {

    /** The canonical name. */
    public static final String NAME = "cgist";

    static final String MINI_BATCH_SIZE = "mini_batch_size";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(NAME)
            .aliases("cachedgistembedloss")
            .summary("GISTEmbed with gradient caching: same loss and gradients, memory bounded by a mini-batch.")
            .formats(DataFormat.PAIR, DataFormat.TRIPLET)
            .parameters(parameters())
            .needsGuideModel(true)
            .build();

    private final FrozenModels models;

    @Inject
    public CachedGISTEmbedLossFactory(FrozenModels models) {
        this.models = models;
    }

    private static List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(GistParameters.SPECS);
        specs.add(ParameterSpec.integer(MINI_BATCH_SIZE, 32,
                "Rows per forward pass, student and guide; bounds memory, does not change the result.").atLeast(1));
        return specs;
    }

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(ParameterValues parameters) {
        GistObjective objective = GistParameters.objective(parameters);
        return new CachedGISTEmbedLoss(objective, parameters.getString(GistParameters.GUIDE),
                GistParameters.guide(parameters, models, NAME), parameters.getInt(MINI_BATCH_SIZE));
    }
}
