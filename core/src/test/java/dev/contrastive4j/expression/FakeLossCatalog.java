package dev.contrastive4j.expression;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import java.util.List;

/** A catalog of five made-up losses that cover every parameter type, ranges, choices and aliases. */
final class FakeLossCatalog implements LossCatalog {

    static final LossDescriptor MNRL = LossDescriptor.builder("mnrl")
            .aliases("multiplenegativesrankingloss")
            .summary("In-batch negatives with a softmax over scaled similarities.")
            .formats(DataFormat.PAIR, DataFormat.TRIPLET)
            .parameter(ParameterSpec.number("scale", 20.0, "Multiplies the similarities.").greaterThan(0))
            .parameter(ParameterSpec.choice("similarity", "cosine", List.of("cosine", "dot"),
                    "How texts are compared."))
            .parameter(ParameterSpec.bool("symmetric", false, "Also ranks anchors for each positive."))
            .build();

    static final LossDescriptor TRIPLET = LossDescriptor.builder("triplet")
            .aliases("tripletloss")
            .summary("Hinge on the distance gap between positive and negative.")
            .formats(DataFormat.TRIPLET)
            .parameter(ParameterSpec.number("margin", 5.0, "Required gap.").atLeast(0))
            .parameter(ParameterSpec.choice("distance", "euclidean", List.of("euclidean", "cosine", "manhattan"),
                            "Distance between embeddings."))
            .build();

    static final LossDescriptor GIST = LossDescriptor.builder("gist")
            .aliases("gistembedloss")
            .summary("MNRL whose negatives a guide model filters.")
            .formats(DataFormat.PAIR, DataFormat.TRIPLET)
            .parameter(ParameterSpec.string("guide", "bge-small", "The guide model."))
            .parameter(ParameterSpec.integer("mini_batch_size", 32, "Texts per forward pass.").atLeast(1))
            .needsGuideModel(true)
            .build();

    static final LossDescriptor ANGLE = LossDescriptor.builder("angle")
            .aliases("angleloss")
            .summary("Angle differences in complex space.")
            .formats(DataFormat.SCORED_PAIR)
            .build();

    static final LossDescriptor COSENT = LossDescriptor.builder("cosent")
            .aliases("cosentloss")
            .summary("Ranks pairs by cosine similarity.")
            .formats(DataFormat.SCORED_PAIR)
            .build();

    static final List<LossDescriptor> ALL = List.of(ANGLE, COSENT, GIST, MNRL, TRIPLET);

    @Override
    public LossDescriptor describe(String name) {
        return ALL.stream()
                .filter(d -> d.name().equals(name) || d.aliases().contains(name))
                .findFirst()
                .orElseThrow(() -> new ContrastiveException(unknownLossMessage(name)));
    }

    /** What this catalog says about an unknown loss; the validator must pass it on word for word. */
    static String unknownLossMessage(String name) {
        return "unknown loss '" + name + "'; available: angle, cosent, gist, mnrl, triplet";
    }
}
