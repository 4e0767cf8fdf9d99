package dev.contrastive4j.encoder.io;

import static dev.contrastive4j.encoder.io.SafetensorsFiles.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a safetensors file can be broken gives a one-line error naming the file, tensor and problem. */
class SafetensorsMalformedFileTest {

    @TempDir
    Path dir;

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file) {
        return assertThatThrownBy(() -> SafetensorsReader.readFloats(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private Path withHeader(String headerJson, byte[] data) {
        return SafetensorsFiles.file(dir, "bad.safetensors", headerJson, data);
    }

    private static String tensor(String dtype, String shape, long begin, long end) {
        return "{\"w\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end
                + "]}}";
    }

    @Test
    void fileShorterThanTheHeaderLengthField() {
        Path file = SafetensorsFiles.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3, 4, 5});
        assertRefused(file).hasMessageContaining("file is 5 bytes, too short for the 8-byte header length");
    }

    @Test
    void truncatedFileLosesTheEndOfTheData() throws IOException {
        Path good = withHeader(tensor("F32", "[4]", 0, 16), floats(1, 2, 3, 4));
        byte[] bytes = Files.readAllBytes(good);
        Path file = SafetensorsFiles.write(dir.resolve("cut.safetensors"),
                Arrays.copyOf(bytes, bytes.length - 3));
        assertRefused(file).hasMessageContaining("tensor 'w'")
                .hasMessageContaining("data_offsets [0, 16] run past the end of the 13-byte data buffer");
    }

    @Test
    void headerLengthPastTheEndOfTheFile() {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        Path file = SafetensorsFiles.file(dir, "bad.safetensors", 1000, header, new byte[0]);
        assertRefused(file).hasMessageContaining("header length 1000 exceeds the 2 bytes that follow it");
    }

    @Test
    void hugeHeaderLengthIsRefusedWithoutAllocating() {
        Path file = SafetensorsFiles.file(dir, "bad.safetensors", 1L << 62, "{}".getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        assertRefused(file).hasMessageContaining("header length " + (1L << 62) + " exceeds");
    }

    @Test
    void headerLengthWithTheTopBitSetIsReadAsUnsigned() {
        Path file = SafetensorsFiles.file(dir, "bad.safetensors", -8, "{}".getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        assertRefused(file).hasMessageContaining("header length 18446744073709551608 exceeds");
    }

    @Test
    void headerAboveTheSizeCapIsRefusedEvenIfTheFileIsThatLarge() throws IOException {
        Path file = dir.resolve("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(200_000_000L); // sparse: takes no disk space
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(150_000_000L).array());
        }
        assertRefused(file).hasMessageContaining("header length 150000000 exceeds the 100000000-byte limit");
    }

    @Test
    void headerThatIsNotJson() {
        assertRefused(withHeader("{\"w\": {\"dtype\": \"F32\",", new byte[0]))
                .hasMessageContaining("header is not valid JSON at line 1, column");
    }

    @Test
    void headerThatIsNotAJsonObject() {
        assertRefused(withHeader("[1, 2]", new byte[0]))
                .hasMessageContaining("header must be a JSON object, found ARRAY");
    }

    @Test
    void textAfterTheJsonObject() {
        assertRefused(withHeader("{} {}", new byte[0])).hasMessageContaining("header is not valid JSON");
    }

    @Test
    void duplicateTensorNames() {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertRefused(withHeader(header, floats(1, 2))).hasMessageContaining("Duplicate field 'w'");
    }

    @Test
    void unknownDtype() {
        assertRefused(withHeader(tensor("Q4", "[2]", 0, 1), new byte[1]))
                .hasMessageContaining("tensor 'w': unknown dtype 'Q4'");
    }

    @Test
    void shapeTimesDtypeSizeDiffersFromTheByteRange() {
        assertRefused(withHeader(tensor("F32", "[2,3]", 0, 20), new byte[20]))
                .hasMessageContaining("tensor 'w': shape [2, 3] of F32 needs 24 bytes, but data_offsets [0, 20] span 20");
    }

    @Test
    void overlappingByteRanges() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertRefused(withHeader(header, new byte[12]))
                .hasMessageContaining("tensor 'b': byte range [4, 12) overlaps tensor 'a' at [0, 8)");
    }

    @Test
    void rangePastTheEndOfTheData() {
        assertRefused(withHeader(tensor("F32", "[2]", 4, 12), new byte[8]))
                .hasMessageContaining("tensor 'w': data_offsets [4, 12] run past the end of the 8-byte data buffer");
    }

    @Test
    void beginAfterEnd() {
        assertRefused(withHeader(tensor("F32", "[0]", 8, 4), new byte[8]))
                .hasMessageContaining("tensor 'w': data_offsets [8, 4] must satisfy 0 <= begin <= end");
    }

    @Test
    void negativeDimension() {
        assertRefused(withHeader(tensor("F32", "[-1,4]", 0, 16), new byte[16]))
                .hasMessageContaining("tensor 'w': negative dimension in shape [-1, 4]");
    }

    @Test
    void hugeDeclaredShapeIsRefusedWithoutAllocating() {
        long huge = 1L << 40;
        assertRefused(withHeader(tensor("F32", "[" + huge + "," + huge + "]", 0, 16), new byte[16]))
                .hasMessageContaining("tensor 'w': shape [" + huge + ", " + huge + "] of F32 overflows 64 bits");
        assertRefused(withHeader(tensor("F32", "[" + huge + "]", 0, 16), new byte[16]))
                .hasMessageContaining("needs " + huge * 4 + " bytes");
    }

    @Test
    void numbersThatAreNotIntegers() {
        assertRefused(withHeader(tensor("F32", "[1.5]", 0, 4), new byte[4]))
                .hasMessageContaining("tensor 'w': \"shape\"[0] must be an integer within 64 bits, found 1.5");
        // 2^65 does not fit 64 bits
        assertRefused(withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],"
                + "\"data_offsets\":[0,36893488147419103232]}}", new byte[4]))
                .hasMessageContaining("\"data_offsets\"[1] must be an integer within 64 bits");
    }

    @Test
    void metadataThatIsNotStrings() {
        assertRefused(withHeader("{\"__metadata__\":{\"format\":1}}", new byte[0]))
                .hasMessageContaining("__metadata__ value 'format' must be a string, found NUMBER");
    }

    @Test
    void tensorAboveTheJavaArrayLimitIsRefusedBeforeAllocating() throws IOException {
        long count = 1L << 31; // F16: 4 GiB of data, held by a sparse file
        String header = tensor("F16", "[" + count + "]", 0, 2 * count);
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("huge.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            raf.write(json);
            raf.setLength(8 + json.length + 2 * count);
        }
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.entries()).singleElement().extracting(SafetensorsEntry::elementCount).isEqualTo(count);
            assertThatThrownBy(() -> reader.readFloat("w"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("tensor 'w' has 2147483648 elements, more than the 2147483639 a Java array holds");
        }
    }
}
