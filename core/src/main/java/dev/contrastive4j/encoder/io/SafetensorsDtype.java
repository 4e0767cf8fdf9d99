package dev.contrastive4j.encoder.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types a safetensors header may declare that this reader understands, with their sizes.
 * The floating-point ones can be read as float32; the integer and boolean ones (e.g. the {@code I64}
 * buffer {@code embeddings.position_ids}) are listed in the header but are not weights.
 */
public enum SafetensorsDtype {
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    F64(8, true),
    I64(8, false),
    I32(4, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int byteSize;
    private final boolean floatingPoint;

    SafetensorsDtype(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether {@link SafetensorsReader#readFloat} can read a tensor of this type. */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The dtype spelled exactly as in a safetensors header ({@code "F32"}, {@code "BF16"}…), if known. */
    public static Optional<SafetensorsDtype> fromHeaderName(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
