package dev.contrastive4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.encoder.io.BundledMiniLm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The inputs of {@link BadInputTest}, each made on first use in one folder: a tiny saved model and variants of
 * it broken in one way each, good and bad data files.
 */
final class BadInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private Path model;

    BadInputs(Path root) {
        this.root = root;
    }

    /** The tiny random BERT, saved as a sentence-transformers folder. */
    Path model() {
        if (model == null) {
            model = root.resolve("tiny-model");
            try (SentenceEncoder tiny = TinyBert.create(1)) {
                tiny.save(model);
            }
        }
        return model;
    }

    /** Eight good triplets. */
    Path triplets() {
        StringBuilder rows = new StringBuilder();
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a"};
        for (int i = 0; i < 8; i++) {
            rows.append(String.format("{\"anchor\": \"%s %s\", \"positive\": \"%s %s\", \"negative\": \"%s\"}%n",
                    words[i], words[(i + 1) % 8], words[(i + 2) % 8], words[(i + 3) % 8], words[(i + 5) % 8]));
        }
        return text("triplets.jsonl", rows.toString());
    }

    /** Good pairs (anchor, positive). */
    Path pairs() {
        return text("pairs.jsonl", """
                {"anchor": "the cat", "positive": "a cat sat"}
                {"anchor": "the dog", "positive": "a dog ran"}
                """);
    }

    Path text(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path bytes(String name, byte[] content) {
        Path file = root.resolve("data").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} seeded random bytes. */
    static byte[] random(int count, long seed) {
        byte[] bytes = new byte[count];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Gzip-compressed text. */
    static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Gzip-compressed bytes. */
    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A JSONL file whose first line is one JSON object of about {@code megabytes} MB (a text of repeated words),
     * written in pieces so that the test itself never holds it.
     */
    Path oneLongLine(String name, int megabytes) {
        Path file = root.resolve("data").resolve(name);
        String piece = "word ".repeat(200_000); // 1 MB
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("{\"anchor\": \"");
                for (int i = 0; i < megabytes; i++) {
                    out.write(piece);
                }
                out.write("\", \"positive\": \"a\", \"negative\": \"b\"}\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A change to a copy of the tiny model's folder. */
    @FunctionalInterface
    interface ModelChange {
        void apply(Path folder) throws IOException;
    }

    /** A copy of the tiny model's folder, changed. */
    Path brokenModel(String name, ModelChange change) {
        Path copy = root.resolve("models").resolve(name);
        try {
            copyFolder(model(), copy);
            change.apply(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** Sets one field of a JSON object file in a model folder. */
    static ModelChange setJson(String file, String field, Object value) {
        return folder -> {
            Path path = folder.resolve(file);
            ObjectNode json = (ObjectNode) JSON.readTree(path.toFile());
            json.set(field, JSON.valueToTree(value));
            JSON.writeValue(path.toFile(), json);
        };
    }

    /** Sets the {@code path} of the first module in {@code modules.json}. */
    static ModelChange modulePath(String path) {
        return folder -> {
            Path file = folder.resolve("modules.json");
            ArrayNode modules = (ArrayNode) JSON.readTree(file.toFile());
            ((ObjectNode) modules.get(0)).put("path", path);
            JSON.writeValue(file.toFile(), modules);
        };
    }

    /** Adds {@code count} words to the tokenizer's vocabulary, beyond the model's embedding table. */
    static ModelChange growVocabulary(int count) {
        return folder -> {
            Path file = folder.resolve("tokenizer.json");
            ObjectNode tokenizer = (ObjectNode) JSON.readTree(file.toFile());
            ObjectNode vocab = (ObjectNode) tokenizer.path("model").path("vocab");
            int next = vocab.size();
            for (int i = 0; i < count; i++) {
                vocab.put("extraword" + i, next + i);
            }
            JSON.writeValue(file.toFile(), tokenizer);
        };
    }

    /** Keeps only the first {@code bytes} bytes of a file. */
    static ModelChange truncate(String file, int bytes) {
        return folder -> {
            Path path = folder.resolve(file);
            byte[] all = Files.readAllBytes(path);
            Files.write(path, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
        };
    }

    /** Overwrites {@code count} seeded random bytes among the first {@code within} of a file. */
    static ModelChange fuzz(String file, int count, int within, long seed) {
        return folder -> {
            Path path = folder.resolve(file);
            byte[] all = Files.readAllBytes(path);
            Random random = new Random(seed);
            for (int i = 0; i < count; i++) {
                all[8 + random.nextInt(Math.min(within, all.length) - 8)] = (byte) random.nextInt(256);
            }
            Files.write(path, all);
        };
    }

    /** Replaces the safetensors weights with an ONNX file of the given bytes. */
    static ModelChange onnxInsteadOfSafetensors(byte[] onnx) {
        return folder -> {
            Files.delete(folder.resolve("model.safetensors"));
            Files.write(folder.resolve("model.onnx"), onnx);
        };
    }

    /** The first {@code bytes} bytes of the bundled all-MiniLM-L6-v2 ONNX file: a real model, cut short. */
    static byte[] truncatedMiniLmOnnx(int bytes) {
        try (InputStream in = BundledMiniLm.class.getClassLoader().getResourceAsStream(BundledMiniLm.ONNX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BundledMiniLm.ONNX_RESOURCE + " is not on the class path");
            }
            return in.readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A well-formed ONNX model that is not a BERT: one MatMul of the input with a 2 × 2 weight,
     * {@code y = x · w}. Protocol buffers written by hand (field numbers from onnx.proto).
     */
    static byte[] matMulOnnx() {
        byte[] weights = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1).putFloat(0).putFloat(0).putFloat(1).array();
        byte[] tensor = concat(varintField(1, 2), varintField(1, 2), varintField(2, 1), stringField(8, "w"),
                bytesField(9, weights));
        byte[] node = concat(stringField(1, "x"), stringField(1, "w"), stringField(2, "y"), stringField(4, "MatMul"));
        byte[] graph = concat(bytesField(1, node), stringField(2, "not-a-bert"), bytesField(5, tensor),
                bytesField(11, stringField(1, "x")), bytesField(12, stringField(1, "y")));
        return concat(varintField(1, 8), bytesField(7, graph));
    }

    private static byte[] varintField(int field, long value) {
        return concat(varint(((long) field << 3)), varint(value));
    }

    private static byte[] stringField(int field, String value) {
        return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytesField(int field, byte[] value) {
        return concat(varint(((long) field << 3) | 2), varint(value.length), value);
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
