package dev.contrastive4j.losses.gist;

import com.google.inject.Inject;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.FrozenModels;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;

/** Creates {@link GISTEmbedLoss}, registered as {@code gist}; loads the guide through the SPI's {@link FrozenModels}. */
public final class GISTEmbedLossFactory implements LossFactory {

    /** The canonical name. */
    public static final String NAME = "gist";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(NAME)
            .aliases("gistembedloss")
            .summary("MNRL whose in-batch negatives a frozen guide model vets: candidates it ranks above the positive"
                    + " are dropped.")
            .formats(DataFormat.PAIR, DataFormat.TRIPLET)
            .parameters(GistParameters.SPECS)
            .needsGuideModel(true)
            .build();

    private final FrozenModels models;

    @Inject
    public GISTEmbedLossFactory(FrozenModels models) {
        this.models = models;
    }

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(ParameterValues parameters) {
        GistObjective objective = GistParameters.objective(parameters);
        return new GISTEmbedLoss(objective, parameters.getString(GistParameters.GUIDE),
                GistParameters.guide(parameters, models, NAME));
    }
}
