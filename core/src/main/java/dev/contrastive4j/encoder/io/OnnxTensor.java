package dev.contrastive4j.encoder.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor from an ONNX file (an initializer or a {@code Constant} node's value): name, element type, shape,
 * and its data as little-endian fixed-width elements, validated against the shape when the file was read.
 *
 * <p>Data of the types this project needs is kept: float types ({@code FLOAT}, {@code FLOAT16},
 * {@code BFLOAT16}, {@code DOUBLE}) and integer types ({@code INT64}, {@code INT32}). For other types
 * (strings, complex numbers…) only the name, type and shape are known, and the conversions refuse.
 * Raw data is a view into the file's bytes; nothing is copied until a conversion is asked for.
 */
public final class OnnxTensor {

    /** {@code TensorProto.DataType} codes, from onnx.proto. */
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int UINT16 = 4;
    public static final int INT16 = 5;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int STRING = 8;
    public static final int BOOL = 9;
    public static final int FLOAT16 = 10;
    public static final int DOUBLE = 11;
    public static final int UINT32 = 12;
    public static final int UINT64 = 13;
    public static final int COMPLEX64 = 14;
    public static final int COMPLEX128 = 15;
    public static final int BFLOAT16 = 16;

    private final String source;
    private final String name;
    private final int dataType;
    private final long[] dims;
    private final long elementCount;
    /** {@code elementCount * elementSize(dataType)} bytes, little-endian; null when the type is not kept. */
    private final ByteBuffer data;

    OnnxTensor(String source, String name, int dataType, long[] dims, ByteBuffer data) {
        this.source = Objects.requireNonNull(source, "source");
        this.name = Objects.requireNonNull(name, "name");
        this.dataType = dataType;
        this.dims = dims.clone();
        this.elementCount = FloatTensor.elementCount(dims);
        this.data = data == null ? null : data.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The bytes per element for fixed-width types, or 0 for strings and types this reader does not know. */
    static int elementSize(int dataType) {
        return switch (dataType) {
            case UINT8, INT8, BOOL -> 1;
            case UINT16, INT16, FLOAT16, BFLOAT16 -> 2;
            case FLOAT, INT32, UINT32 -> 4;
            case INT64, UINT64, DOUBLE, COMPLEX64 -> 8;
            case COMPLEX128 -> 16;
            default -> 0;
        };
    }

    /** Whether {@link #toFloatTensor()} applies to this element type. */
    static boolean isFloatType(int dataType) {
        return dataType == FLOAT || dataType == FLOAT16 || dataType == BFLOAT16 || dataType == DOUBLE;
    }

    /** Whether {@link #toLongs()} applies to this element type. */
    static boolean isIntegerType(int dataType) {
        return dataType == INT64 || dataType == INT32;
    }

    /** The tensor's name; empty for an unnamed {@code Constant} value. */
    public String name() {
        return name;
    }

    /** The {@code TensorProto.DataType} code, e.g. {@link #FLOAT}. */
    public int dataType() {
        return dataType;
    }

    public long[] dims() {
        return dims.clone();
    }

    public long elementCount() {
        return elementCount;
    }

    /** Whether this holds floating-point data that {@link #toFloatTensor()} converts. */
    public boolean isFloat() {
        return isFloatType(dataType) && data != null;
    }

    /**
     * The values as a float32 {@link FloatTensor} of the same shape.
     *
     * @throws ModelFormatException if the element type is not floating-point or the tensor exceeds a Java array
     */
    public FloatTensor toFloatTensor() {
        if (!isFloat()) {
            throw new ModelFormatException(where() + " has data type " + dataType + ", not a floating-point type");
        }
        float[] values = new float[arrayLength()];
        ByteBuffer bytes = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dataType) {
            case FLOAT -> bytes.asFloatBuffer().get(values);
            case DOUBLE -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) bytes.getDouble();
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = HalfPrecision.float16ToFloat(bytes.getShort());
                }
            }
            default -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = HalfPrecision.bfloat16ToFloat(bytes.getShort());
                }
            }
        }
        return new FloatTensor(dims, values);
    }

    /**
     * The values of an {@code INT64} or {@code INT32} tensor, row-major.
     *
     * @throws ModelFormatException if the element type is not one of those
     */
    public long[] toLongs() {
        if (!isIntegerType(dataType) || data == null) {
            throw new ModelFormatException(where() + " has data type " + dataType + ", not INT64 or INT32");
        }
        long[] values = new long[arrayLength()];
        ByteBuffer bytes = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            values[i] = dataType == INT64 ? bytes.getLong() : bytes.getInt();
        }
        return values;
    }

    private int arrayLength() {
        if (elementCount > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(where() + " has " + elementCount + " elements, more than a Java array holds");
        }
        return (int) elementCount;
    }

    private String where() {
        return source + ": tensor '" + name + "'";
    }

    @Override
    public String toString() {
        return "OnnxTensor[" + name + ", type " + dataType + ", " + Arrays.toString(dims) + "]";
    }
}
