package dev.contrastive4j.losses.gist;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.FrozenModel;
import dev.contrastive4j.spi.FrozenModels;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;

/** The parameters {@code gist} and {@code cgist} share, so that both declare and read them alike. */
final class GistParameters {

    static final String GUIDE = "guide";
    static final String TEMPERATURE = "temperature";
    static final String MARGIN_STRATEGY = "margin_strategy";
    static final String MARGIN = "margin";
    static final String CONTRAST_ANCHORS = "contrast_anchors";
    static final String CONTRAST_POSITIVES = "contrast_positives";

    /** The default guide: BAAI's bge-small-en-v1.5, bundled with the core. */
    static final String DEFAULT_GUIDE = "bge-small";

    /** guide, temperature, margin_strategy, margin, contrast_anchors, contrast_positives, with sentence-transformers' defaults. */
    static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.string(GUIDE, DEFAULT_GUIDE,
                    "The frozen guide model: bge-small, minilm, or a model folder or .onnx file."),
            ParameterSpec.number(TEMPERATURE, 0.01, "Divides the cosine similarities before the softmax.")
                    .greaterThan(0),
            ParameterSpec.choice(MARGIN_STRATEGY, MarginStrategy.ABSOLUTE.parameterValue(),
                    MarginStrategy.PARAMETER_VALUES,
                    "How the margin lowers each anchor's threshold: minus margin, or minus |threshold| x margin."),
            ParameterSpec.number(MARGIN, 0.0, "Also drop candidates this far below the threshold.").atLeast(0),
            ParameterSpec.bool(CONTRAST_ANCHORS, true, "Include anchor-anchor similarities, pushing anchors apart."),
            ParameterSpec.bool(CONTRAST_POSITIVES, true,
                    "Include positive-positive similarities, pushing positives apart."));

    private GistParameters() {
    }

    /** The objective the values describe. */
    static GistObjective objective(ParameterValues values) {
        return new GistObjective(values.getDouble(TEMPERATURE),
                MarginStrategy.fromParameter(values.getString(MARGIN_STRATEGY)), values.getDouble(MARGIN),
                values.getBoolean(CONTRAST_ANCHORS), values.getBoolean(CONTRAST_POSITIVES));
    }

    /**
     * The guide the values name, loaded once per run and frozen.
     *
     * @throws ContrastiveException naming the loss and the parameter if it cannot be loaded
     */
    static FrozenModel guide(ParameterValues values, FrozenModels models, String loss) {
        return frozenModel(values, GUIDE, models, loss);
    }

    /**
     * The frozen model that the string parameter {@code parameter} names (a guide, a teacher), loaded once per run.
     *
     * @throws ContrastiveException naming the loss and the parameter if it is blank or cannot be loaded
     */
    static FrozenModel frozenModel(ParameterValues values, String parameter, FrozenModels models, String loss) {
        String model = values.getString(parameter);
        if (model.isBlank()) {
            throw new ContrastiveException(loss + ": parameter " + parameter + ": expected a model name or path, got ''");
        }
        try {
            return models.frozen(model);
        } catch (ContrastiveException e) {
            throw new ContrastiveException(loss + ": parameter " + parameter + ": " + e.getMessage(), e);
        }
    }
}
