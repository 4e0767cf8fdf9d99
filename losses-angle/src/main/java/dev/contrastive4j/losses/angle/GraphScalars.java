package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for arithmetic on arrays that carry a gradient. DJL's {@code Number} overloads ({@code x.mul(20)},
 * {@code x.maximum(1e-12)}) make the number a tensor over a direct buffer and close it at once, while the
 * autograd graph keeps that tensor for backward (multiplication, division, maximum and power read it); when
 * the garbage collector frees the buffer first, the gradients come out wrong or NaN. A scalar from
 * {@link #of} lives in memory PyTorch owns, which the graph keeps alive. Addition and subtraction of a number
 * are safe: their backward does not read it.
 */
final class GraphScalars {

    private GraphScalars() {
    }

    /** A 0-dimensional array holding {@code value}, of {@code like}'s type and in its manager. */
    static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
