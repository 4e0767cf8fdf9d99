package dev.contrastive4j.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.contrastive4j.files.IoProblems;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a part: the content
 * goes to a hidden temporary file in the same folder, which replaces the target only once it is complete.
 * On any failure the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFile {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final String TEMPORARY_PREFIX = ".";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        // Not Files.createTempFile: its owner-only permissions would stay on the result; this honours the umask.
        Path temporary = folder.resolve(TEMPORARY_PREFIX + absolute.getFileName() + "." + Long.toUnsignedString(
                ThreadLocalRandom.current().nextLong(), 36) + TEMPORARY_SUFFIX);
        Files.createFile(temporary); // fails, deleting nothing, if the name is taken
        temporary.toFile().deleteOnExit(); // Ctrl-C or SIGTERM: the unfinished file goes; once renamed, nothing does
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), BUFFER_BYTES)) {
                content.writeTo(out);
            }
            move(temporary, absolute);
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            // "No space left on device" alone does not say which output could not be written.
            throw new IOException("cannot write " + target + ": " + IoProblems.describe(e), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temporary, e);
            throw e;
        }
    }

    /**
     * Writes {@code json}, indented, as {@link #write} writes any content.
     *
     * @throws UncheckedIOException naming the file, if it cannot be written
     */
    public static void writeJson(Path target, JsonNode json) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(json);
            write(target, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Whether {@code path} is the temporary file of an unfinished write of a file named {@code name} in the same
     * folder (a process killed mid-write leaves one; Ctrl-C and SIGTERM do not).
     */
    public static boolean isTemporaryFor(Path path, String name) {
        String file = path.getFileName().toString();
        return file.startsWith(TEMPORARY_PREFIX + name + ".") && file.endsWith(TEMPORARY_SUFFIX);
    }

    private static void deleteQuietly(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems cannot rename atomically; the file is complete either way.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
