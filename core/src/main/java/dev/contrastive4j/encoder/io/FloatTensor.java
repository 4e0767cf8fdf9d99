package dev.contrastive4j.encoder.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor held on the Java heap, row-major, as read from or written to a weights file.
 *
 * @param shape the dimensions, outermost first (a scalar has shape {@code []})
 * @param values {@code product(shape)} values in row-major order
 */
public record FloatTensor(long[] shape, float[] values) {

    public FloatTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        shape = shape.clone();
        long count = elementCount(shape);
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
                    + " values, got " + values.length);
        }
    }

    /** The number of elements a tensor of this shape holds; throws on negative or overflowing dimensions. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The dimension at {@code axis}. */
    public long dim(int axis) {
        return shape[axis];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The transpose of a matrix: ONNX stores MatMul weights {@code [in, out]}, Hugging Face Linear {@code [out, in]}. */
    public FloatTensor transposeMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("transpose needs a matrix, got shape " + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return new FloatTensor(new long[] {cols, rows}, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloatTensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
