package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.management.ManagementFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of valid files: reading each must either succeed or fail with a
 * {@link ModelFormatException} — never another exception, an OutOfMemoryError or a hang — and must never
 * allocate much more than the file's size suggests: a corrupt length field must not make the reader reserve
 * memory for data the file does not hold. Allocation is measured per read with the JDK's per-thread
 * allocation counter; a read over the limit is measured once more, because the first pass through new code
 * (string concatenation, lambdas, exception classes) allocates for the JVM's linkage, not for the file.
 */
class ModelFormatFuzzTest {

    /**
     * Mutations per reader: 1,000 in the normal build (a few seconds). The full campaign of docs/reliability.md:
     * {@code ./mvnw -pl core test -Dtest=ModelFormatFuzzTest -Dfuzz.rounds=10000} (about 40 s for safetensors,
     * which writes each mutation to a file, and 5 s for ONNX on 2 busy cores); for longer ones add
     * {@code -Dfuzz.seed=N -Djunit.jupiter.execution.timeout.mode=disabled}.
     */
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 1_000);
    private static final long SEED = Long.getLong("fuzz.seed", 0);
    /**
     * A read may allocate this many times the file's size: float32 weights read from F16 take twice their
     * bytes, ONNX MatMul weights are copied once more to transpose them, and the graph's nodes, names and maps
     * weigh more than their bytes in the file (about 13 times for the tiny test model's ONNX file).
     */
    private static final long ALLOCATION_PER_FILE_BYTE = 16;
    /**
     * Plus this much, whatever the size: parser buffers, the JSON header's tree, exception messages. A length
     * field that a mutation turned into millions or billions would blow far past both.
     */
    private static final long ALLOCATION_ALLOWANCE = 256 << 10;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedSafetensorsFilesFailOnlyWithModelFormatExceptionAndBoundedAllocation() throws IOException {
        Path valid = dir.resolve("valid.safetensors");
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        tensors.put("embeddings.word_embeddings.weight", new FloatTensor(new long[] {40, 30}, new float[1200]));
        tensors.put("embeddings.LayerNorm.bias", new FloatTensor(new long[] {3}, new float[] {1, 2, 3}));
        tensors.put("scalar", new FloatTensor(new long[] {}, new float[] {5}));
        SafetensorsWriter.write(valid, tensors);
        byte[] original = Files.readAllBytes(valid);
        Path file = dir.resolve("fuzzed.safetensors");
        Random random = new Random(7 + SEED);
        SafetensorsReader.readFloats(valid); // loads the classes, so that the first round measures only the read

        Campaign campaign = new Campaign("safetensors");
        for (int round = 0; round < ROUNDS; round++) {
            byte[] fuzzed = mutate(original, random);
            Files.write(file, fuzzed);
            campaign.read(round, fuzzed.length, () -> SafetensorsReader.readFloats(file));
        }
        campaign.report();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedOnnxModelsFailOnlyWithModelFormatExceptionAndBoundedAllocation() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.poolerAsGemm = true;
        byte[] original = tiny.build();
        Random random = new Random(11 + SEED);
        OnnxBertImporter.importModel(OnnxReader.read(ByteBuffer.wrap(original), "valid.onnx"), OptionalInt.empty());

        Campaign campaign = new Campaign("ONNX");
        for (int round = 0; round < ROUNDS; round++) {
            byte[] fuzzed = mutate(original, random);
            campaign.read(round, fuzzed.length, () -> OnnxBertImporter.importModel(
                    OnnxReader.read(ByteBuffer.wrap(fuzzed), "fuzzed.onnx"), OptionalInt.empty()));
        }
        campaign.report();
    }

    /** Reads fuzzed files one after another, checking how each ends and what it allocates. */
    private static final class Campaign {

        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final String format;
        private int refused;
        private long mostAllocated;
        private long sizeOfThatFile;

        Campaign(String format) {
            this.format = format;
        }

        void read(int round, long size, ThrowingCallable reading) {
            Outcome outcome = measure(reading, round);
            if (outcome.allocated() > size + (64 << 10)) {
                // The first pass through a call site links it (string concatenation, lambdas, exception
                // classes), which allocates once per JVM whatever the file; the same read again shows what
                // the read itself costs.
                Outcome again = measure(reading, round);
                outcome = again.allocated() < outcome.allocated() ? again : outcome;
            }
            assertThat(outcome.allocated())
                    .as("bytes allocated reading a %d-byte file, round %d of seed %d", size, round, SEED)
                    .isLessThanOrEqualTo(limit(size));
            if (outcome.refused()) {
                refused++;
            }
            if (outcome.allocated() > mostAllocated) {
                mostAllocated = outcome.allocated();
                sizeOfThatFile = size;
            }
        }

        private static long limit(long size) {
            return ALLOCATION_PER_FILE_BYTE * size + ALLOCATION_ALLOWANCE;
        }

        private record Outcome(boolean refused, long allocated) {
        }

        /** Reads once and checks how the read ended; counts the bytes this thread allocated meanwhile. */
        private Outcome measure(ThrowingCallable reading, int round) {
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            Throwable thrown = catchThrowable(reading);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            if (thrown != null) {
                assertThat(thrown).as("round %d of seed %d", round, SEED).isInstanceOf(ModelFormatException.class);
            }
            return new Outcome(thrown != null, allocated);
        }

        void report() {
            // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
            assertThat(refused).as("refused").isBetween(1, ROUNDS - 1);
            System.out.printf("fuzz %s: %d rounds (seed %d), %d refused with ModelFormatException, %d read;"
                    + " most allocated by one read: %d bytes (for a %d-byte file; limit %d)%n", format, ROUNDS, SEED,
                    refused, ROUNDS - refused, mostAllocated, sizeOfThatFile, limit(sizeOfThatFile));
        }
    }

    /** One to eight byte overwrites, a truncation, an insertion, or a header-length rewrite. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 1 -> {
                int at = random.nextInt(bytes.length);
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                return concat(Arrays.copyOf(bytes, at), inserted, Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 2 -> {
                // interesting values in the first 8 bytes: the safetensors header length, the ONNX model's keys
                long value = switch (random.nextInt(4)) {
                    case 0 -> -1L;
                    case 1 -> 1L << random.nextInt(63);
                    case 2 -> random.nextInt(bytes.length + 16);
                    default -> random.nextLong();
                };
                ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, value);
            }
            default -> {
                int count = 1 + random.nextInt(8);
                for (int i = 0; i < count; i++) {
                    // favour the structure (headers, keys, lengths) at the start of the file
                    int limit = random.nextBoolean() ? Math.min(bytes.length, 400) : bytes.length;
                    bytes[random.nextInt(limit)] = (byte) random.nextInt(256);
                }
            }
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        return SafetensorsFiles.concat(parts);
    }
}
