package dev.contrastive4j.encoder.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor described by a safetensors header, already validated: its byte range lies inside the file's data
 * buffer and holds exactly {@code elementCount * dtype.byteSize()} bytes.
 *
 * @param name the tensor's name as written in the file
 * @param dtype the element type
 * @param shape the dimensions, outermost first
 * @param begin first byte, relative to the start of the data buffer
 * @param end one past the last byte, relative to the start of the data buffer
 */
public record SafetensorsEntry(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

    public SafetensorsEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Product of the dimensions (validated not to overflow when the header was read). */
    public long elementCount() {
        return FloatTensor.elementCount(shape);
    }

    /** Number of bytes the tensor occupies. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafetensorsEntry e && e.name.equals(name) && e.dtype == dtype
                && Arrays.equals(e.shape, shape) && e.begin == begin && e.end == end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
