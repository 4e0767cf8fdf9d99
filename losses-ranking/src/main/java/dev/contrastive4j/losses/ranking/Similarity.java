package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/** How {@link MultipleNegativesRankingLoss} scores an anchor against a candidate. */
public enum Similarity {

    /** {@code s(x, y) = x·y / (max(‖x‖, 1e-12) · max(‖y‖, 1e-12))}, in [−1, 1]. */
    COSINE {
        @Override
        NDArray matrix(NDArray rows, NDArray columns) {
            return RowVectors.unit(rows).matMul(RowVectors.unit(columns).transpose());
        }
    },

    /** {@code s(x, y) = x·y}, unbounded; pair it with a smaller scale (e.g. 1) than cosine. */
    DOT {
        @Override
        NDArray matrix(NDArray rows, NDArray columns) {
            return rows.matMul(columns.transpose());
        }
    };

    /**
     * Scores every row of {@code rows} against every row of {@code columns}.
     *
     * @param rows a {@code (n, dim)} matrix
     * @param columns a {@code (m, dim)} matrix
     * @return the {@code (n, m)} matrix of {@code s(rows_i, columns_j)}
     */
    abstract NDArray matrix(NDArray rows, NDArray columns);

    /** @return the name used in loss expressions ({@code cosine}, {@code dot}) */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a name from {@link #parameterValue()}, already checked against the parameter's choices
     * @return the similarity it names
     */
    public static Similarity fromParameter(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
