package dev.contrastive4j.encoder.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A writer of the protocol buffers wire format into memory, with no generated classes: the counterpart of
 * {@link ProtoReader}. A nested message is written into its own writer first, so that its length is known when
 * {@link #message} puts it into the enclosing one.
 *
 * <p>Used by {@link BertOnnxWriter} for whole ONNX files and by tests to build ONNX files byte by byte.
 */
final class ProtoWriter {

    /** ONNX's {@code AttributeProto.AttributeType} values this writer uses. */
    static final int ATTRIBUTE_FLOAT = 1;
    static final int ATTRIBUTE_INT = 2;
    static final int ATTRIBUTE_TENSOR = 4;
    static final int ATTRIBUTE_INTS = 7;

    private final Buffer out = new Buffer();

    /** A byte buffer that appends itself to another without first copying its bytes out. */
    private static final class Buffer extends ByteArrayOutputStream {
        void appendTo(ByteArrayOutputStream target) {
            target.write(buf, 0, count);
        }
    }

    ProtoWriter varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    ProtoWriter key(int field, int wireType) {
        return varint(((long) field << 3) | wireType);
    }

    ProtoWriter int64(int field, long value) {
        return key(field, 0).varint(value);
    }

    ProtoWriter bytes(int field, byte[] value) {
        key(field, 2).varint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter message) {
        key(field, 2).varint(message.size());
        message.out.appendTo(out); // no intermediate copy: weight tensors are tens of megabytes
        return this;
    }

    ProtoWriter float32(int field, float value) {
        key(field, 5);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        return this;
    }

    /** Appends bytes as they are, for hand-made corruptions. */
    ProtoWriter raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Bytes written so far. */
    int size() {
        return out.size();
    }

    /** Copies what was written to {@code target}. */
    void writeTo(OutputStream target) throws IOException {
        out.writeTo(target);
    }

    /** A FLOAT TensorProto with raw_data. */
    static ProtoWriter floatTensor(String name, long[] dims, float[] values) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, OnnxTensor.FLOAT).string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return t.bytes(9, raw.array());
    }

    /** An INT64 TensorProto with raw_data. */
    static ProtoWriter longTensor(String name, long[] dims, long... values) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, OnnxTensor.INT64).string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return t.bytes(9, raw.array());
    }

    /** A NodeProto. */
    static ProtoWriter node(String opType, String[] inputs, String[] outputs, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        n.string(3, opType + "_" + outputs[0]).string(4, opType);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).int64(20, ATTRIBUTE_INT).int64(3, value);
    }

    static ProtoWriter floatAttribute(String name, float value) {
        return new ProtoWriter().string(1, name).int64(20, ATTRIBUTE_FLOAT).float32(2, value);
    }

    static ProtoWriter intsAttribute(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name).int64(20, ATTRIBUTE_INTS);
        for (long v : values) {
            a.int64(8, v);
        }
        return a;
    }

    static ProtoWriter tensorAttribute(String name, ProtoWriter tensor) {
        return new ProtoWriter().string(1, name).int64(20, ATTRIBUTE_TENSOR).message(5, tensor);
    }

    /** A minimal ModelProto around a GraphProto (IR version 8, no opset import), as tests' small files have. */
    static byte[] model(ProtoWriter graph) {
        return new ProtoWriter().int64(1, 8).string(2, "test").string(3, "1").message(7, graph).toByteArray();
    }
}
