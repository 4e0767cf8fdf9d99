package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.spi.GraphScalars;

/**
 * The CoSENT ranking objective on already computed pair similarities: every pair of rows whose gold scores
 * are strictly ordered contributes a soft penalty when their similarities are ordered the other way.
 */
final class PairRanking {

    private PairRanking() {
    }

    /**
     * {@code log(1 + Σ_{(i,j): y_i < y_j} exp(λ·s_i − λ·s_j))}, a scalar.
     *
     * <p>Computed as a log-sum-exp over the selected differences and one extra 0 term (the "1 +"), shifted
     * by their maximum so that no {@code exp} overflows; the shift is constant for autograd, so the
     * gradient with respect to each difference is its softmax weight. Pairs with equal gold scores are left
     * out, and with no ordered pair at all the loss is 0.
     *
     * @param similarities {@code s}, shape {@code (n)}
     * @param scores the gold scores {@code y}, shape {@code (n)}, any floating-point type
     * @param scale {@code λ}, the inverse temperature
     */
    static NDArray loss(NDArray similarities, NDArray scores, double scale) {
        NDArray scaled = similarities.mul(GraphScalars.of(similarities, scale));
        NDArray differences = scaled.expandDims(1).sub(scaled.expandDims(0)); // [i][j] = λs_i − λs_j
        NDArray ordered = scores.expandDims(1).lt(scores.expandDims(0));       // [i][j] = y_i < y_j
        NDArray selected = differences.booleanMask(ordered);
        NDArray zero = similarities.getManager().zeros(new Shape(1), similarities.getDataType());
        NDArray terms = zero.concat(selected.reshape(-1));
        NDArray shift = terms.max().stopGradient();
        return terms.sub(shift).exp().sum().log().add(shift);
    }
}
