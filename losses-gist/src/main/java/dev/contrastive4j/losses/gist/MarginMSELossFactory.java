package dev.contrastive4j.losses.gist;

import com.google.inject.Inject;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.FrozenModels;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;

/** Creates {@link MarginMSELoss}, registered as {@code margin-mse}; loads the teacher through the SPI's {@link FrozenModels}. */
public final class MarginMSELossFactory implements LossFactory {

    static final String TEACHER = "teacher";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(MarginMSELoss.NAME)
            .aliases("marginmseloss")
            .summary("Regresses the student's margin q.p - q.n onto a frozen teacher's margin (distillation), per"
                    + " negative.")
            .formats(DataFormat.TRIPLET)
            .parameter(ParameterSpec.string(TEACHER, GistParameters.DEFAULT_GUIDE,
                    "The frozen teacher: bge-small, minilm, or a model folder or .onnx file."))
            .needsGuideModel(true)
            .build();

    private final FrozenModels models;

    @Inject
    public MarginMSELossFactory(FrozenModels models) {
        this.models = models;
    }

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(ParameterValues parameters) {
        return new MarginMSELoss(parameters.getString(TEACHER),
                GistParameters.frozenModel(parameters, TEACHER, models, MarginMSELoss.NAME));
    }
}
