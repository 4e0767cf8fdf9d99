package dev.contrastive4j.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

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

    /**
     * Held while temporary files are written and renamed into place ({@link #writeBeforeExit}). The exit marks are
     * carried out by the JVM's last exit hook, while the thread that writes may still be running: a file it makes
     * after the marks ran keeps its folder from being deleted. {@link #stopWritesForExit}, called by an earlier exit
     * hook, waits for the write in progress and keeps others from starting.
     */
    private static final ReentrantLock WRITES = new ReentrantLock();

    private TemporaryPaths() {
    }

    /** A write of temporary files and their rename into place, as one step that exit never cuts in two. */
    public interface Write<T> {
        T run() throws IOException;
    }

    /** Runs {@code write} unless the JVM is exiting (then it waits for the exit, which ends this thread). */
    public static <T> T writeBeforeExit(Write<T> write) throws IOException {
        WRITES.lock();
        try {
            return write.run();
        } finally {
            WRITES.unlock();
        }
    }

    /**
     * For an exit hook: waits at most {@code timeout} for a {@link #writeBeforeExit} in progress to finish, then
     * keeps any other from starting, so the exit marks delete what is left without a writer beside them.
     */
    public static void stopWritesForExit(Duration timeout) {
        try {
            WRITES.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** Deletes a folder and everything in it (a temporary one that was not renamed into place); nothing if absent. */
    public static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
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
