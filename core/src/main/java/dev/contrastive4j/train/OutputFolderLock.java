package dev.contrastive4j.train;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Marks a run folder as in use by one process, so that a second run with the same output is refused instead of
 * deleting the first one's temporary files and replacing its checkpoints and metrics.
 *
 * <p>The mark is the file {@value #FILE_NAME}, created atomically, holding the owner's process id, the
 * process's start time and a random word. A lock whose process is gone (or whose id now belongs to a process
 * started at another time) is stale: the next run takes it over. The file is deleted on {@link #close()} and
 * when the JVM exits on Ctrl-C or SIGTERM; after SIGKILL it stays, stale.
 *
 * <p>Why not an operating-system file lock: Java's are POSIX record locks, which the process loses as soon as it
 * closes any other descriptor of the same file (reading the lock file to name its owner was enough).
 */
public final class OutputFolderLock implements AutoCloseable {

    /** The lock file's name inside the locked folder. */
    public static final String FILE_NAME = ".c4j.lock";

    /** An empty or unreadable lock file younger than this may be one being written; older, it is stale. */
    private static final Duration WRITING_GRACE = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final String owner;

    private OutputFolderLock(Path file, String owner) {
        this.file = file;
        this.owner = owner;
    }

    /**
     * Takes the lock of an existing folder.
     *
     * @param option names the folder's option in the refusal, e.g. {@code --output}
     * @throws ContrastiveException if a live process (this one included) holds it
     */
    public static OutputFolderLock acquire(Path folder, String option) {
        Path file = folder.resolve(FILE_NAME);
        ProcessHandle self = ProcessHandle.current();
        String owner = self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("-") + " "
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    Files.writeString(file, owner, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    file.toFile().deleteOnExit(); // stopped by Ctrl-C or SIGTERM: the exit takes the file along
                    return new OutputFolderLock(file, owner);
                } catch (FileAlreadyExistsException held) {
                    String holder = read(file);
                    if (holder == null) {
                        continue; // released meanwhile
                    }
                    if (alive(holder, file)) {
                        throw inUse(folder, option, holder);
                    }
                    takeOverStale(file, holder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + option + " folder " + folder + ": " + e.getMessage(), e);
        }
        throw inUse(folder, option, read(file));
    }

    /**
     * Removes a stale lock file: renamed aside first (one step, so of two runs taking it over only one gets it),
     * then checked to be the stale one and not a fresh lock another run made meanwhile, which is put back.
     */
    private static void takeOverStale(Path file, String stale) throws IOException {
        Path aside = file.resolveSibling(FILE_NAME + ".stale-" + Long.toHexString(ThreadLocalRandom.current()
                .nextLong()));
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return;
        }
        if (stale.equals(read(aside))) {
            Files.deleteIfExists(aside);
            return;
        }
        try {
            Files.move(aside, file); // a live run's lock: back where it was
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(aside);
        }
    }

    /** Whether the process named in a lock file's words still runs (the same process, not a reused id). */
    private static boolean alive(String holder, Path file) throws IOException {
        String[] parts = holder.split(" ");
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            // Unreadable words: a lock being written is young; an old one is a leftover.
            return Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now())
                    .compareTo(WRITING_GRACE) < 0;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return parts.length < 2 || started.isEmpty() || parts[1].equals("-")
                || parts[1].equals(started.get().toString());
    }

    private static ContrastiveException inUse(Path folder, String option, String holder) {
        String[] parts = holder == null ? new String[0] : holder.split(" ");
        String who = parts.length >= 2 ? "process " + parts[0] + ", started " + parts[1] : "another process";
        return new ContrastiveException(option + " " + folder + " is in use by another c4j run (" + who
                + "); wait for it to finish or choose another folder");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return ""; // unreadable: judged by its age
        }
    }

    /** Deletes the lock file, if it is still this lock's. */
    @Override
    public void close() {
        if (!Objects.equals(owner, read(file))) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file + ": " + e.getMessage(), e);
        }
    }
}
