package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.GraphScalars;

/** Row-wise vector operations on {@code (rows, dim)} embedding matrices, shared by the similarities and distances. */
final class RowVectors {

    /** Floor on a norm, so that a zero vector divides to zero instead of NaN (as {@code F.normalize} does). */
    static final double NORM_FLOOR = 1e-12;

    private static final int[] ROW_AXIS = {1};

    private RowVectors() {
    }

    /** Each row divided by {@code max(‖row‖₂, 1e-12)}. */
    static NDArray unit(NDArray rows) {
        NDArray norms = rows.norm(ROW_AXIS, true);
        return rows.div(norms.maximum(GraphScalars.of(norms, NORM_FLOOR)));
    }

    /** The dot product of row i of {@code x} with row i of {@code y}: a {@code (rows)} vector. */
    static NDArray rowDot(NDArray x, NDArray y) {
        return x.mul(y).sum(ROW_AXIS);
    }

    /** The sum of each row: a {@code (rows)} vector. */
    static NDArray rowSum(NDArray x) {
        return x.sum(ROW_AXIS);
    }
}
