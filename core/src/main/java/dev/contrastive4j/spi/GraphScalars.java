package dev.contrastive4j.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Numbers for arithmetic on arrays that carry a gradient. Use these, not DJL's {@code Number} overloads, wherever
 * a loss multiplies, divides, takes a maximum or minimum, or raises to a power inside a pass that records a graph.
 *
 * <p>Why: DJL's {@code x.mul(20)} or {@code x.maximum(1e-12f)} turns the number into a tensor over a Java direct
 * buffer and closes that tensor at once, but the autograd graph keeps it, because the backward pass of those
 * operations reads the operand. When the garbage collector frees the buffer before backward runs, the gradients
 * come out wrong or NaN, now and then, depending on timing. A scalar from {@link #of} lives in memory PyTorch
 * owns, which the graph keeps alive. Adding or subtracting a Java number is safe (their backward does not read
 * it), and so is any arithmetic on arrays that record no graph (masks, detached values).
 *
 * <pre>{@code
 * NDArray logits = similarities.mul(GraphScalars.of(similarities, scale));
 * NDArray unit = x.div(x.norm(new int[] {1}, true).maximum(GraphScalars.of(x, 1e-12)));
 * }</pre>
 */
public final class GraphScalars {

    private GraphScalars() {
    }

    /**
     * A number as an array the autograd graph can keep.
     *
     * @param like the array the number will be combined with: gives the data type and the manager
     * @param value the number
     * @return a 0-dimensional array holding {@code value}, in memory PyTorch owns, attached to {@code like}'s
     *     manager
     */
    public static NDArray of(NDArray like, double value) {
        return of(like.getManager(), value, like.getDataType());
    }

    /**
     * A number as an array the autograd graph can keep, in a given manager and type; exact in {@code float64}.
     *
     * @param manager the manager the scalar is attached to
     * @param value the number
     * @param type the data type, usually that of the array it will be combined with
     * @return a 0-dimensional array holding {@code value} rounded to {@code type}, in memory PyTorch owns
     * @since 1.2
     */
    public static NDArray of(NDManager manager, double value, DataType type) {
        try (NDArray javaBacked = manager.create(value)) {
            // toType to the same type returns a view of the Java buffer even when asked to copy; duplicate does not.
            return javaBacked.getDataType() == type ? javaBacked.duplicate() : javaBacked.toType(type, false);
        }
    }
}
