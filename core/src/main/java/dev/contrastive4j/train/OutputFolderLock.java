package dev.contrastive4j.train;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Marks a run folder as in use by one process, so that a second run with the same output is refused instead of
 * deleting the first one's temporary files and replacing its checkpoints and metrics.
 *
 * <p>The mark is an operating-system lock on {@value #FILE_NAME} in the folder. The kernel drops it when its
 * process dies, however it dies, so a lock file that a killed run left behind is stale by construction and is
 * simply taken over. The file holds the owner's process id and start time, for the refusal message, and is
 * deleted on {@link #close()}.
 */
public final class OutputFolderLock implements AutoCloseable {

    /** The lock file's name inside the locked folder. */
    public static final String FILE_NAME = ".c4j.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an existing folder.
     *
     * @param option names the folder's option in the refusal, e.g. {@code --output}
     * @throws ContrastiveException if another live process (or another run in this one) holds it
     */
    public static OutputFolderLock acquire(Path folder, String option) {
        Path file = folder.resolve(FILE_NAME);
        String owner = ProcessHandle.current().pid() + " " + Instant.now() + " "
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another run in this process
            }
            if (lock == null) {
                String holder = readOwner(file);
                channel.close();
                throw inUse(folder, option, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            // The previous holder deletes the file before it lets go: a process that opened that file just before
            // then holds a lock on a deleted file. Only the one whose words are at the path holds the real lock.
            if (!owner.equals(readOwner(file))) {
                lock.release();
                channel.close();
                throw inUse(folder, option, readOwner(file));
            }
            file.toFile().deleteOnExit(); // stopped by Ctrl-C or SIGTERM: the run's exit takes the file along
            return new OutputFolderLock(file, channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("cannot lock " + option + " folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static ContrastiveException inUse(Path folder, String option, String holder) {
        String[] parts = holder == null ? new String[0] : holder.split(" ");
        String who = parts.length >= 2 ? "process " + parts[0] + ", started " + parts[1] : "another process";
        return new ContrastiveException(option + " " + folder + " is in use by another c4j run (" + who
                + "); wait for it to finish or choose another folder");
    }

    private static String readOwner(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null; // only for the message
        }
    }

    /** Deletes the lock file, then lets go of the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a lock file left behind is stale once the lock is released, and is taken over by the next run
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file + ": " + e.getMessage(), e);
        }
    }
}
