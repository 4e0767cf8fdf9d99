package dev.contrastive4j.losses.gist;

import com.google.inject.Inject;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.FrozenModels;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;

/**
 * Creates {@link MarginMSELoss}, registered as {@code margin-mse}: with {@code teacher=labels} it reads the margins
 * from the data and loads nothing; otherwise it loads the teacher through the SPI's {@link FrozenModels}.
 */
public final class MarginMSELossFactory implements LossFactory {

    static final String TEACHER = "teacher";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(MarginMSELoss.NAME)
            .aliases("marginmseloss")
            .summary("Regresses the student's margin q.p - q.n onto a teacher's margin (distillation), per negative:"
                    + " from a frozen teacher model, or from the data's label column (teacher=labels).")
            .formats(DataFormat.TRIPLET)
            .parameter(ParameterSpec.string(TEACHER, GistParameters.DEFAULT_GUIDE,
                    "Where the teacher's margins come from: labels (the data's label column, one number per"
                            + " negative), or a frozen teacher model: bge-small, minilm, a model folder or .onnx file."))
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
        if (parameters.getString(TEACHER).strip().equalsIgnoreCase(MarginMSELoss.LABELS)) {
            return MarginMSELoss.withLabels();
        }
        return MarginMSELoss.withTeacher(parameters.getString(TEACHER),
                GistParameters.frozenModel(parameters, TEACHER, models, MarginMSELoss.NAME));
    }
}
