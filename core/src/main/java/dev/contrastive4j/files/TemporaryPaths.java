package dev.contrastive4j.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hidden temporary files and folders beside an output, to be renamed into place once complete.
 *
 * <p>Why not {@link Files#createTempFile} and {@link Files#createTempDirectory}: they make files readable by their
 * owner only (0600, 0700), and the rename keeps that, so a saved model meant to be shared could be read by no one
 * else. These honour the user's umask, as any other file the program writes.
 *
 * <p>Each is marked for deletion when the JVM exits, so that Ctrl-C or SIGTERM (which run the exit hooks) leave
 * none behind; once renamed into place, the mark finds nothing to delete. The JVM deletes in the reverse order
 * of marking, so a file made in a temporary folder goes before the folder.
 */
public final class TemporaryPaths {

    private TemporaryPaths() {
    }

    /** A new empty file {@code folder/<prefix><random><suffix>}. */
    public static Path createFile(Path folder, String prefix, String suffix) throws IOException {
        while (true) {
            try {
                return markedForExit(Files.createFile(folder.resolve(prefix + randomWord() + suffix)));
            } catch (FileAlreadyExistsException taken) {
                // drawn by someone else: draw again
            }
        }
    }

    /** A new empty folder {@code folder/<prefix><random>}. */
    public static Path createFolder(Path folder, String prefix) throws IOException {
        while (true) {
            try {
                return markedForExit(Files.createDirectory(folder.resolve(prefix + randomWord())));
            } catch (FileAlreadyExistsException taken) {
                // drawn by someone else: draw again
            }
        }
    }

    private static Path markedForExit(Path path) {
        path.toFile().deleteOnExit();
        return path;
    }

    private static String randomWord() {
        return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    }
}
