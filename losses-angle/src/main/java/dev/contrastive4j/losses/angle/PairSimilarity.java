package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.GraphScalars;

/**
 * Row-wise similarities of two embedding matrices {@code u} and {@code v} of shape {@code (n, d)}: entry
 * {@code i} compares {@code u_i} with {@code v_i}. Built from NDArray operations only, so gradients flow back
 * to both inputs.
 */
final class PairSimilarity {

    /**
     * Norms below this are treated as this, as {@code torch.nn.functional.normalize} does, so that an all-zero
     * embedding gives similarity 0 instead of NaN.
     */
    static final double NORM_FLOOR = 1e-12;

    private PairSimilarity() {
    }

    /** {@code cos(u_i, v_i) = u_i·v_i / (‖u_i‖ ‖v_i‖)}, shape {@code (n)}. */
    static NDArray cosine(NDArray u, NDArray v) {
        requireSameShape(u, v);
        return unit(u).mul(unit(v)).sum(new int[] {1});
    }

    /**
     * The normalised angle difference of sentence-transformers' {@code pairwise_angle_sim}, shape {@code (n)}.
     *
     * <p>Each row is read as a complex vector: its first half holds the real parts, its second half the
     * imaginary parts, {@code x = a + i·b}, {@code y = c + i·d}. The element-wise quotient
     * {@code x_k / y_k = (a_k c_k + b_k d_k + i·(b_k c_k − a_k d_k)) / (c_k² + d_k²)} is computed there with
     * the denominator summed over the whole vector ({@code ‖y‖²}), then divided by {@code ‖x‖ / ‖y‖}; both
     * together are a division by {@code ‖x‖ ‖y‖}. The result is the absolute value of the sum of all real
     * and imaginary parts:
     * <pre>
     *   angle(x, y) = | Σ_k (a_k c_k + b_k d_k) + Σ_k (b_k c_k − a_k d_k) | / (‖x‖ ‖y‖)
     * </pre>
     * Here the rows are normalised first, which is the same division done once.
     *
     * <p>An odd dimension {@code d} is padded with one zero component, as sentence-transformers does: the
     * real half is then the first {@code (d+1)/2} components and the imaginary half the remaining
     * {@code (d−1)/2} followed by a zero. No component is dropped and the norms do not change.
     */
    static NDArray angle(NDArray x, NDArray y) {
        requireSameShape(x, y);
        NDArray unitX = unit(x);
        NDArray unitY = unit(y);
        long dimension = x.getShape().get(1);
        if (dimension % 2 != 0) {
            unitX = padWithZero(unitX);
            unitY = padWithZero(unitY);
            dimension++;
        }
        long half = dimension / 2;
        NDArray a = unitX.get(":, 0:" + half);
        NDArray b = unitX.get(":, " + half + ":");
        NDArray c = unitY.get(":, 0:" + half);
        NDArray d = unitY.get(":, " + half + ":");
        NDArray real = a.mul(c).add(b.mul(d));
        NDArray imaginary = b.mul(c).sub(a.mul(d));
        return real.add(imaginary).sum(new int[] {1}).abs();
    }

    private static NDArray unit(NDArray x) {
        NDArray norms = x.norm(new int[] {1}, true);
        return x.div(norms.maximum(GraphScalars.of(norms, NORM_FLOOR)));
    }

    private static NDArray padWithZero(NDArray x) {
        NDArray zeros = x.getManager().zeros(new Shape(x.getShape().get(0), 1), x.getDataType());
        return x.concat(zeros, 1);
    }

    private static void requireSameShape(NDArray u, NDArray v) {
        if (u.getShape().dimension() != 2 || !u.getShape().equals(v.getShape())) {
            throw new ContrastiveException("expected two embedding matrices of one shape (rows, dimension), got "
                    + u.getShape() + " and " + v.getShape());
        }
    }
}
