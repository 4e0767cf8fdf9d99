package dev.contrastive4j.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes embeddings, one row per text in input order, to a stream in one of the {@link Format}s. Closing it
 * finishes the format but leaves the stream open.
 */
interface EmbeddingWriter extends Closeable {

    /** Writes the next row. */
    void write(JsonNode id, float[] embedding) throws IOException;

    /** The output formats, told by the output file's name. */
    enum Format {
        /** One {@code {"id": …, "embedding": [floats]}} object per line. */
        JSONL(".jsonl"),
        /** A NumPy {@code float32} matrix, one row per text; ids are the row indices. */
        NPY(".npy");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** The format a file name asks for. */
        static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format format : values()) {
                if (name.endsWith(format.extension)) {
                    return format;
                }
            }
            throw new ContrastiveException("output " + file + ": expected a file name ending in .jsonl or .npy, found '"
                    + file.getFileName() + "'");
        }

        /** A writer for {@code rows} embeddings of {@code dimension} floats. */
        EmbeddingWriter open(OutputStream out, int rows, int dimension) throws IOException {
            return switch (this) {
                case JSONL -> new JsonlEmbeddingWriter(out, dimension);
                case NPY -> new NpyEmbeddingWriter(out, rows, dimension);
            };
        }
    }
}
