package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of valid files: reading each must either succeed or fail with a
 * {@link ModelFormatException} — never another exception, an OutOfMemoryError or a hang.
 */
class ModelFormatFuzzTest {

    /**
     * Raise for a longer campaign: {@code -Dfuzz.rounds=100000 -Dfuzz.seed=N
     * -Djunit.jupiter.execution.timeout.mode=disabled}.
     */
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 300);
    private static final long SEED = Long.getLong("fuzz.seed", 0);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedSafetensorsFilesFailOnlyWithModelFormatException() throws IOException {
        Path valid = dir.resolve("valid.safetensors");
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        tensors.put("embeddings.word_embeddings.weight", new FloatTensor(new long[] {4, 3}, new float[12]));
        tensors.put("embeddings.LayerNorm.bias", new FloatTensor(new long[] {3}, new float[] {1, 2, 3}));
        tensors.put("scalar", new FloatTensor(new long[] {}, new float[] {5}));
        SafetensorsWriter.write(valid, tensors);
        byte[] original = Files.readAllBytes(valid);
        Path file = dir.resolve("fuzzed.safetensors");
        Random random = new Random(7 + SEED);

        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Files.write(file, mutate(original, random));
            Throwable thrown = catchThrowable(() -> SafetensorsReader.readFloats(file));
            if (thrown != null) {
                assertThat(thrown).as("round %d of seed %d", round, SEED).isInstanceOf(ModelFormatException.class);
                refused++;
            }
        }
        assertThat(refused).isBetween(1, ROUNDS);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedOnnxModelsFailOnlyWithModelFormatException() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.poolerAsGemm = true;
        byte[] original = tiny.build();
        Random random = new Random(11 + SEED);

        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] fuzzed = mutate(original, random);
            Throwable thrown = catchThrowable(() -> OnnxBertImporter.importModel(
                    OnnxReader.read(ByteBuffer.wrap(fuzzed), "fuzzed.onnx"), OptionalInt.empty()));
            if (thrown != null) {
                assertThat(thrown).as("round %d of seed %d", round, SEED).isInstanceOf(ModelFormatException.class);
                refused++;
            }
        }
        assertThat(refused).isBetween(1, ROUNDS);
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
