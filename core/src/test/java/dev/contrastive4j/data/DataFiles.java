package dev.contrastive4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small data files for tests and reads the error they cause. */
final class DataFiles {

    private DataFiles() {
    }

    static Path text(Path folder, String name, String content) {
        return bytes(folder, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path bytes(Path folder, String name, byte[] content) {
        try {
            return Files.write(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(String content) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Reads the whole file, expecting it to fail, and returns the error. */
    static DataFormatException readError(Path file, ReadOptions options) {
        DataFormatException error =
                catchThrowableOfType(DataFormatException.class, () -> Datasets.readAll(file, options));
        assertThat(error).as("reading %s should fail", file.getFileName()).isNotNull();
        return error;
    }

    static DataFormatException readError(Path file) {
        return readError(file, ReadOptions.defaults());
    }

    /** Asserts where an error is and that its message starts with that place: {@code file:line: column 'x': }. */
    static void assertLocated(DataFormatException error, Path file, long line, String column) {
        assertThat(error.file()).isEqualTo(file);
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.column()).isEqualTo(column);
        String place = file + (line > 0 ? ":" + line : "") + ": " + (column == null ? "" : "column '" + column + "': ");
        assertThat(error.getMessage()).startsWith(place).isEqualTo(place + error.reason());
    }
}
