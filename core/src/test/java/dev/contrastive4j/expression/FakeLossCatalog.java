package dev.contrastive4j.expression;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import java.util.List;
import java.util.Set;

/** A catalog of five made-up losses that cover every parameter type, ranges, choices and aliases. */
final class FakeLossCatalog implements LossCatalog {

    static final LossDescriptor MNRL = new LossDescriptor("mnrl", List.of("multiplenegativesrankingloss"),
            "In-batch negatives with a softmax over scaled similarities.", Set.of(DataFormat.PAIR, DataFormat.TRIPLET),
            List.of(ParameterSpec.number("scale", 20.0, "Multiplies the similarities.").greaterThan(0),
                    ParameterSpec.choice("similarity", "cosine", List.of("cosine", "dot"), "How texts are compared."),
                    ParameterSpec.bool("symmetric", false, "Also ranks anchors for each positive.")),
            false);

    static final LossDescriptor TRIPLET = new LossDescriptor("triplet", List.of("tripletloss"),
            "Hinge on the distance gap between positive and negative.", Set.of(DataFormat.TRIPLET),
            List.of(ParameterSpec.number("margin", 5.0, "Required gap.").atLeast(0),
                    ParameterSpec.choice("distance", "euclidean", List.of("euclidean", "cosine", "manhattan"),
                            "Distance between embeddings.")),
            false);

    static final LossDescriptor GIST = new LossDescriptor("gist", List.of("gistembedloss"),
            "MNRL whose negatives a guide model filters.", Set.of(DataFormat.PAIR, DataFormat.TRIPLET),
            List.of(ParameterSpec.string("guide", "bge-small", "The guide model."),
                    ParameterSpec.integer("mini_batch_size", 32, "Texts per forward pass.").atLeast(1)),
            true);

    static final LossDescriptor ANGLE = new LossDescriptor("angle", List.of("angleloss"),
            "Angle differences in complex space.", Set.of(DataFormat.SCORED_PAIR), List.of(), false);

    static final LossDescriptor COSENT = new LossDescriptor("cosent", List.of("cosentloss"),
            "Ranks pairs by cosine similarity.", Set.of(DataFormat.SCORED_PAIR), List.of(), false);

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
