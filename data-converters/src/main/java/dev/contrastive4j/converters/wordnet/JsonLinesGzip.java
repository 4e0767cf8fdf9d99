package dev.contrastive4j.converters.wordnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.contrastive4j.converters.ReproducibleGzipOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** Writes gzip-compressed JSON Lines: one compact object per line, keys in the row map's order, {@code \n} endings. */
final class JsonLinesGzip {

    private static final ObjectWriter JSON = new ObjectMapper().writer();

    private JsonLinesGzip() {}

    static <T> void write(Path file, Iterable<T> items, Function<T, Map<String, String>> row) throws IOException {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new ReproducibleGzipOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            for (T item : items) {
                out.write(JSON.writeValueAsString(row.apply(item)));
                out.write('\n');
            }
        }
    }
}
