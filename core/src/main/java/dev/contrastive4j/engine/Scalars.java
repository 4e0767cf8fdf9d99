package dev.contrastive4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for arithmetic inside a recorded (autograd) pass.
 *
 * <p>DJL's {@code Number} overloads ({@code x.mul(20)}, {@code x.div(scale)}, {@code x.maximum(1e-12)}) turn
 * the number into a PyTorch tensor that views a direct buffer, run the operation, and close the tensor at
 * once. Multiplication, division, maximum, minimum and power keep that operand in the autograd graph for
 * backward; once the garbage collector has freed the buffer, backward reads freed memory and the gradients
 * are wrong or NaN, depending on when the collector ran. A scalar from {@link #of} lives in memory that
 * PyTorch allocated and counts references to, so the graph keeps it as long as it needs it.
 *
 * <p>Use {@code x.mul(Scalars.of(x, 20))} wherever {@code x} may carry a gradient. Addition and subtraction
 * of a number are safe (their backward does not read the operand), as is any arithmetic outside a recorded
 * pass. Plugins that depend on the SPI alone write the same thing with DJL:
 * {@code x.getManager().full(new Shape(), 20f, x.getDataType())}.
 */
public final class Scalars {

    private Scalars() {
    }

    /** A 0-dimensional array holding {@code value}, of {@code like}'s type and in its manager. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
