package dev.contrastive4j.encoder.io;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Reads an ONNX model file ({@code ModelProto}, protocol buffers) with a small wire-format reader of our own:
 * no generated classes, no native ONNX library.
 *
 * <p>Reads the main graph's nodes (with integer, float, string, integer-list and tensor attributes), its
 * initializers, and the names of its inputs and outputs; everything else is skipped. Every length is checked
 * against the bytes that remain before it is used and every tensor's data size against its shape, so a
 * truncated or corrupted file fails with a {@link ModelFormatException} naming the byte offset and the
 * element at fault. Tensors stored in external files are refused: the weights must be inside the file.
 *
 * <p>Field numbers are those of onnx.proto: ModelProto {ir_version 1, producer_name 2, producer_version 3,
 * graph 7}; GraphProto {node 1, name 2, initializer 5, input 11, output 12}; NodeProto {input 1, output 2,
 * name 3, op_type 4, attribute 5, domain 7}; AttributeProto {name 1, f 2, i 3, s 4, t 5, ints 8};
 * TensorProto {dims 1, data_type 2, segment 3, float_data 4, int32_data 5, int64_data 7, name 8, raw_data 9,
 * double_data 10, external_data 13, data_location 14}; ValueInfoProto {name 1}.
 */
public final class OnnxReader {

    /** Far above any real tensor's rank; bounds what a corrupt dims field can make us allocate. */
    private static final int MAX_RANK = 64;
    /** Far above any real integer-list attribute (perm, axes, pads, shape). */
    private static final int MAX_ATTRIBUTE_INTS = 1 << 16;

    private final String source;

    private OnnxReader(String source) {
        this.source = source;
    }

    /**
     * Reads a model file (memory-mapped, so its weights are not copied until converted).
     *
     * @throws ModelFormatException if the file is not a well-formed ONNX model with its weights inside
     * @throws ContrastiveException if the file cannot be read
     */
    public static OnnxModel read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelFormatException(file + ": " + size + " bytes is over the 2 GiB protocol buffers "
                        + "limit; such models keep their weights in external data files, which is not supported");
            }
            return read(channel.map(FileChannel.MapMode.READ_ONLY, 0, size), file.toString());
        } catch (IOException e) {
            throw new ContrastiveException("cannot read ONNX file " + file + ": " + e, e);
        }
    }

    /** Reads a model from a stream (e.g. a class path resource), which must hold under 2 GiB. */
    public static OnnxModel read(InputStream in, String source) {
        try {
            byte[] bytes = in.readNBytes(Integer.MAX_VALUE - 8);
            if (in.read() >= 0) {
                throw new ModelFormatException(source + ": over the 2 GiB protocol buffers limit");
            }
            return read(ByteBuffer.wrap(bytes), source);
        } catch (IOException e) {
            throw new ContrastiveException("cannot read ONNX model " + source + ": " + e, e);
        }
    }

    /** Reads a model from the bytes between {@code bytes}' position and limit, which are not modified. */
    public static OnnxModel read(ByteBuffer bytes, String source) {
        return new OnnxReader(source).model(ProtoReader.of(source, bytes));
    }

    private OnnxModel model(ProtoReader in) {
        long irVersion = 0;
        String producerName = "";
        String producerVersion = "";
        OnnxGraph graph = null;
        while (in.hasMore()) {
            int key = in.readKey();
            switch (key >>> 3) {
                case 1 -> irVersion = varint(in, key, "ModelProto.ir_version");
                case 2 -> producerName = string(in, key, "ModelProto.producer_name");
                case 3 -> producerVersion = string(in, key, "ModelProto.producer_version");
                case 7 -> {
                    in.expectWireType(key, ProtoReader.LENGTH_DELIMITED, "ModelProto.graph");
                    if (graph != null) {
                        throw in.error("ModelProto holds two graphs");
                    }
                    graph = graph(in.readMessage());
                }
                default -> in.skip(key);
            }
        }
        if (graph == null) {
            throw new ModelFormatException(source + ": no graph (not an ONNX model?)");
        }
        return new OnnxModel(source, irVersion, producerName, producerVersion, graph);
    }

    private OnnxGraph graph(ProtoReader in) {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (in.hasMore()) {
            int key = in.readKey();
            switch (key >>> 3) {
                case 1 -> nodes.add(node(message(in, key, "GraphProto.node")));
                case 2 -> name = string(in, key, "GraphProto.name");
                case 5 -> {
                    long at = in.offset();
                    OnnxTensor tensor = tensor(message(in, key, "GraphProto.initializer"));
                    if (initializers.putIfAbsent(tensor.name(), tensor) != null) {
                        throw in.error(at, "two initializers named '" + tensor.name() + "'");
                    }
                }
                case 11 -> inputs.add(valueInfoName(message(in, key, "GraphProto.input")));
                case 12 -> outputs.add(valueInfoName(message(in, key, "GraphProto.output")));
                default -> in.skip(key);
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private OnnxNode node(ProtoReader in) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        Map<String, OnnxAttribute> attributes = new LinkedHashMap<>();
        while (in.hasMore()) {
            int key = in.readKey();
            switch (key >>> 3) {
                case 1 -> inputs.add(string(in, key, "NodeProto.input"));
                case 2 -> outputs.add(string(in, key, "NodeProto.output"));
                case 3 -> name = string(in, key, "NodeProto.name");
                case 4 -> opType = string(in, key, "NodeProto.op_type");
                case 7 -> domain = string(in, key, "NodeProto.domain");
                case 5 -> {
                    long at = in.offset();
                    OnnxAttribute attribute = attribute(message(in, key, "NodeProto.attribute"));
                    if (attributes.putIfAbsent(attribute.name(), attribute) != null) {
                        throw in.error(at, "node '" + name + "' has two attributes named '" + attribute.name() + "'");
                    }
                }
                default -> in.skip(key);
            }
        }
        if (opType.isEmpty()) {
            throw in.error("node '" + name + "' with outputs " + outputs + " has no op_type");
        }
        return new OnnxNode(name, opType, domain, inputs, outputs, attributes);
    }

    private OnnxAttribute attribute(ProtoReader in) {
        String name = "";
        OptionalLong intValue = OptionalLong.empty();
        Optional<Float> floatValue = Optional.empty();
        Optional<String> stringValue = Optional.empty();
        List<Long> ints = new ArrayList<>();
        Optional<OnnxTensor> tensor = Optional.empty();
        while (in.hasMore()) {
            int key = in.readKey();
            switch (key >>> 3) {
                case 1 -> name = string(in, key, "AttributeProto.name");
                case 2 -> {
                    in.expectWireType(key, ProtoReader.FIXED32, "AttributeProto.f");
                    floatValue = Optional.of(Float.intBitsToFloat(in.readFixed32()));
                }
                case 3 -> intValue = OptionalLong.of(varint(in, key, "AttributeProto.i"));
                case 4 -> {
                    in.expectWireType(key, ProtoReader.LENGTH_DELIMITED, "AttributeProto.s");
                    // s is declared bytes; decode leniently, it is only ever shown or compared
                    stringValue = Optional.of(StandardCharsets.UTF_8.decode(in.readBytes()).toString());
                }
                case 5 -> tensor = Optional.of(tensor(message(in, key, "AttributeProto.t")));
                case 8 -> readVarintsInto(in, key, "AttributeProto.ints", ints, MAX_ATTRIBUTE_INTS);
                default -> in.skip(key);
            }
        }
        return new OnnxAttribute(name, intValue, floatValue, stringValue, ints, tensor);
    }

    private String valueInfoName(ProtoReader in) {
        String name = "";
        while (in.hasMore()) {
            int key = in.readKey();
            if (key >>> 3 == 1) {
                name = string(in, key, "ValueInfoProto.name");
            } else {
                in.skip(key);
            }
        }
        return name;
    }

    /**
     * Reads a TensorProto in two passes: the first collects the shape, type and where the data is; the second,
     * only for data in typed fields, decodes exactly as many elements as the shape declares.
     */
    private OnnxTensor tensor(ProtoReader in) {
        long start = in.offset();
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        boolean typedData = false;
        while (in.hasMore()) {
            int key = in.readKey();
            switch (key >>> 3) {
                case 1 -> readVarintsInto(in, key, "TensorProto.dims", dims, MAX_RANK);
                case 2 -> dataType = (int) varint(in, key, "TensorProto.data_type");
                case 3 -> throw in.error("tensor '" + name + "' is split into segments, which is not supported");
                case 8 -> name = string(in, key, "TensorProto.name");
                case 9 -> {
                    in.expectWireType(key, ProtoReader.LENGTH_DELIMITED, "TensorProto.raw_data");
                    raw = in.readBytes();
                }
                case 13 -> throw in.error("tensor '" + name + "' keeps its data in an external file, which is "
                        + "not supported: re-export the model with its weights inside");
                case 14 -> {
                    if (varint(in, key, "TensorProto.data_location") != 0) {
                        throw in.error("tensor '" + name + "' keeps its data in an external file (data_location "
                                + "EXTERNAL), which is not supported: re-export the model with its weights inside");
                    }
                }
                case 4, 5, 7, 10 -> {
                    typedData = true;
                    in.skip(key);
                }
                default -> in.skip(key);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = elementCount(in, start, name, shape);
        int size = OnnxTensor.elementSize(dataType);
        boolean kept = OnnxTensor.isFloatType(dataType) || OnnxTensor.isIntegerType(dataType);
        ByteBuffer data = null;
        if (raw != null) {
            if (size > 0 && (count > Long.MAX_VALUE / size || count * size != raw.remaining())) {
                throw in.error(start, "tensor '" + name + "' of shape " + Arrays.toString(shape) + " and data type "
                        + dataType + " needs " + count + " elements of " + size + " bytes, but raw_data holds "
                        + raw.remaining() + " bytes");
            }
            data = kept ? raw : null;
        } else if (kept && (typedData || count == 0)) {
            data = typedData(in.rewound(), name, dataType, count, size);
        } else if (kept && count > 0) {
            throw in.error(start, "tensor '" + name + "' of shape " + Arrays.toString(shape) + " has no data");
        }
        return new OnnxTensor(source, name, dataType, shape, data);
    }

    private long elementCount(ProtoReader in, long start, String name, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw in.error(start, "tensor '" + name + "' has a negative dimension in " + Arrays.toString(shape));
            }
            if (dim != 0 && count > Long.MAX_VALUE / dim) {
                throw in.error(start, "tensor '" + name + "' shape " + Arrays.toString(shape) + " overflows 64 bits");
            }
            count *= dim;
        }
        return count;
    }

    /**
     * Decodes the typed data field matching {@code dataType} (float_data for FLOAT, double_data for DOUBLE,
     * int64_data for INT64, int32_data for INT32 and the 16-bit floats) into little-endian elements.
     */
    private ByteBuffer typedData(ProtoReader in, String name, int dataType, long count, int size) {
        int field = switch (dataType) {
            case OnnxTensor.FLOAT -> 4;
            case OnnxTensor.DOUBLE -> 10;
            case OnnxTensor.INT64 -> 7;
            default -> 5; // INT32, FLOAT16, BFLOAT16 all live in int32_data
        };
        // each element takes at least this many bytes of the message, which bounds the allocation by the file
        int minimumEncodedSize = field == 4 ? 4 : field == 10 ? 8 : 1;
        if (count > in.length() / minimumEncodedSize) {
            throw in.error("tensor '" + name + "' declares " + count + " elements, more than its "
                    + in.length() + "-byte message can hold");
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(count * size)).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasMore()) {
            int key = in.readKey();
            if (key >>> 3 != field) {
                in.skip(key);
                continue;
            }
            switch (field) {
                case 4 -> readFixed(in, key, 4, out, name);
                case 10 -> readFixed(in, key, 8, out, name);
                default -> readVarints(in, key, "TensorProto data", value -> {
                    if (out.remaining() < size) {
                        throw in.error("tensor '" + name + "' holds more than the " + count + " elements its shape declares");
                    }
                    switch (size) {
                        case 8 -> out.putLong(value);
                        case 4 -> out.putInt((int) value);
                        default -> out.putShort((short) value);
                    }
                });
            }
        }
        if (out.hasRemaining()) {
            throw in.error("tensor '" + name + "' holds " + out.position() / size + " elements, its shape declares "
                    + count);
        }
        return out.flip();
    }

    /** Appends a packed (or single unpacked) fixed-width float/double field to {@code out}. */
    private void readFixed(ProtoReader in, int key, int width, ByteBuffer out, String name) {
        ByteBuffer values;
        if ((key & 7) == ProtoReader.LENGTH_DELIMITED) {
            values = in.readBytes();
            if (values.remaining() % width != 0) {
                throw in.error("tensor '" + name + "' packed data of " + values.remaining()
                        + " bytes is not a multiple of " + width);
            }
        } else {
            in.expectWireType(key, width == 4 ? ProtoReader.FIXED32 : ProtoReader.FIXED64, "TensorProto data");
            values = ByteBuffer.allocate(width).order(ByteOrder.LITTLE_ENDIAN);
            if (width == 4) {
                values.putInt(in.readFixed32());
            } else {
                values.putLong(in.readFixed64());
            }
            values.flip();
        }
        if (values.remaining() > out.remaining()) {
            throw in.error("tensor '" + name + "' holds more elements than its shape declares");
        }
        out.put(values);
    }

    /** Calls {@code sink} with each varint of a repeated integer field, packed or not. */
    private static void readVarints(ProtoReader in, int key, String field, LongConsumer sink) {
        if ((key & 7) == ProtoReader.LENGTH_DELIMITED) {
            ProtoReader packed = in.readMessage();
            while (packed.hasMore()) {
                sink.accept(packed.readVarint());
            }
        } else {
            sink.accept(varint(in, key, field));
        }
    }

    /** Appends a repeated integer field to {@code target}, refusing to grow it past {@code limit}. */
    private static void readVarintsInto(ProtoReader in, int key, String field, List<Long> target, int limit) {
        readVarints(in, key, field, value -> {
            if (target.size() == limit) {
                throw in.error(field + " has more than " + limit + " values");
            }
            target.add(value);
        });
    }

    private static long varint(ProtoReader in, int key, String field) {
        in.expectWireType(key, ProtoReader.VARINT, field);
        return in.readVarint();
    }

    private static String string(ProtoReader in, int key, String field) {
        in.expectWireType(key, ProtoReader.LENGTH_DELIMITED, field);
        return in.readString();
    }

    private static ProtoReader message(ProtoReader in, int key, String field) {
        in.expectWireType(key, ProtoReader.LENGTH_DELIMITED, field);
        return in.readMessage();
    }
}
