package dev.contrastive4j.encoder.io;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads tensors from a <a href="https://github.com/huggingface/safetensors">safetensors</a> file as float32.
 *
 * <p>{@link #open} reads and validates the whole header first (sizes, dtypes, byte ranges inside the file and
 * not overlapping each other); a tensor's array is allocated only when it is read, at its validated size.
 * Data is read with positioned {@link FileChannel} reads, so files above 2 GiB work.
 *
 * <p>Floating-point tensors ({@code F32}, {@code F16}, {@code BF16}, {@code F64}) are widened or narrowed to
 * float32. Integer and boolean tensors (e.g. the {@code I64} buffer {@code embeddings.position_ids} that older
 * Hugging Face checkpoints carry) are listed by {@link #entries()} but are not weights: {@link #readAllFloats()}
 * skips them and {@link #readFloat} refuses them.
 *
 * <p>Not thread-safe to close while reading; reads themselves may run concurrently.
 */
public final class SafetensorsReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsReader.class);

    /** Bytes read per positioned read; a multiple of every dtype size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final Map<String, SafetensorsEntry> byName;

    private SafetensorsReader(FileChannel channel, SafetensorsHeader header) {
        this.channel = channel;
        this.header = header;
        this.byName = new LinkedHashMap<>();
        header.entries().forEach(e -> byName.put(e.name(), e));
    }

    /**
     * Opens a file and validates its header.
     *
     * @throws ModelFormatException if the header is malformed or inconsistent with the file
     * @throws ContrastiveException if the file cannot be read
     */
    public static SafetensorsReader open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ContrastiveException("cannot open safetensors file " + file + ": " + e, e);
        }
        try {
            return new SafetensorsReader(channel, SafetensorsHeaderParser.parse(file, channel));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ContrastiveException("cannot read safetensors file " + file + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Reads every floating-point tensor of a file, in header order; see {@link #readAllFloats()}. */
    public static Map<String, FloatTensor> readFloats(Path file) {
        try (SafetensorsReader reader = open(file)) {
            return reader.readAllFloats();
        }
    }

    public Path file() {
        return header.file();
    }

    /** The {@code __metadata__} strings (e.g. {@code format=pt}), empty when the file has none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Every tensor the header describes, in header order, whatever its dtype. */
    public List<SafetensorsEntry> entries() {
        return header.entries();
    }

    public Optional<SafetensorsEntry> entry(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Reads one floating-point tensor as float32.
     *
     * @throws ModelFormatException if there is no such tensor, it is not floating-point, it has more elements
     *     than a Java array holds, or the file ended early
     */
    public FloatTensor readFloat(String name) {
        SafetensorsEntry entry = byName.get(name);
        if (entry == null) {
            throw new ModelFormatException(file() + ": no tensor '" + name + "' among its " + byName.size()
                    + " tensors");
        }
        return read(entry);
    }

    /**
     * Reads every floating-point tensor, in header order, into a {@link LinkedHashMap}; integer and boolean
     * tensors are skipped (logged at debug level).
     */
    public Map<String, FloatTensor> readAllFloats() {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (SafetensorsEntry entry : header.entries()) {
            if (entry.dtype().isFloatingPoint()) {
                tensors.put(entry.name(), read(entry));
            } else {
                LOG.debug("{}: skipping non-float tensor {}", file(), entry);
            }
        }
        return tensors;
    }

    private FloatTensor read(SafetensorsEntry entry) {
        if (!entry.dtype().isFloatingPoint()) {
            throw new ModelFormatException(file() + ": tensor '" + entry.name() + "' is " + entry.dtype()
                    + ", not a floating-point type");
        }
        long count = entry.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            // the largest array a JVM allocates is a few elements under Integer.MAX_VALUE
            throw new ModelFormatException(file() + ": tensor '" + entry.name() + "' has " + count
                    + " elements, more than the " + (Integer.MAX_VALUE - 8) + " a Java array holds");
        }
        float[] values = new float[(int) count];
        try {
            readInto(entry, values);
        } catch (IOException e) {
            throw new ContrastiveException("cannot read tensor '" + entry.name() + "' from " + file() + ": " + e, e);
        }
        return new FloatTensor(entry.shape(), values);
    }

    private void readInto(SafetensorsEntry entry, float[] values) throws IOException {
        SafetensorsDtype dtype = entry.dtype();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(entry.byteLength(), 1)))
                .order(ByteOrder.LITTLE_ENDIAN);
        long position = header.dataStart() + entry.begin();
        long end = header.dataStart() + entry.end();
        int index = 0;
        while (position < end) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - position));
            while (chunk.hasRemaining()) {
                int n = channel.read(chunk, position + chunk.position());
                if (n < 0) {
                    throw new ModelFormatException(file() + ": tensor '" + entry.name()
                            + "': file ended early (it shrank while being read?)");
                }
            }
            position += chunk.limit();
            chunk.flip();
            index = decode(dtype, chunk, values, index);
        }
    }

    /** Decodes the whole of {@code bytes} into {@code values} from {@code index}; returns the next index. */
    private static int decode(SafetensorsDtype dtype, ByteBuffer bytes, float[] values, int index) {
        int count = bytes.remaining() / dtype.byteSize();
        switch (dtype) {
            case F32 -> bytes.asFloatBuffer().get(values, index, count);
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    values[index + i] = (float) bytes.getDouble();
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    values[index + i] = HalfPrecision.float16ToFloat(bytes.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    values[index + i] = HalfPrecision.bfloat16ToFloat(bytes.getShort());
                }
            }
            default -> throw new IllegalStateException("not a float dtype: " + dtype);
        }
        return index + count;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ContrastiveException("cannot close " + file() + ": " + e, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}
