package dev.contrastive4j.losses.ranking;

import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;

/** The parameters {@code mnrl} and {@code cmnrl} share, so that both declare and read them alike. */
final class MnrlParameters {

    static final String SCALE = "scale";
    static final String SIMILARITY = "similarity";
    static final String SYMMETRIC = "symmetric";

    /** scale, similarity, symmetric, with sentence-transformers' defaults. */
    static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.number(SCALE, 20.0, "Multiplies the similarities before the softmax (inverse temperature).")
                    .greaterThan(0),
            ParameterSpec.choice(SIMILARITY, Similarity.COSINE.parameterValue(),
                    List.of(Similarity.COSINE.parameterValue(), Similarity.DOT.parameterValue()),
                    "How anchors are compared with candidates."),
            ParameterSpec.bool(SYMMETRIC, false,
                    "Also rank the anchors for each positive and average the two directions."));

    private MnrlParameters() {
    }

    /** The MNRL objective the values describe. */
    static MultipleNegativesRankingLoss loss(ParameterValues values) {
        return new MultipleNegativesRankingLoss(values.getDouble(SCALE),
                Similarity.fromParameter(values.getString(SIMILARITY)), values.getBoolean(SYMMETRIC));
    }
}
