package dev.contrastive4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * This process's resident memory as Linux reports it in {@code /proc/self/status}: {@code VmRSS} (now) and
 * {@code VmHWM} (the peak). libtorch allocates outside the JVM heap, so these are the only numbers that see
 * a training step's activations. Writing {@code 5} to {@code /proc/self/clear_refs} resets the peak to the
 * current value (Linux 4.0 and later), which lets one process measure the peak of one phase.
 */
final class ResidentMemory {

    /**
     * Resident set sizes, in bytes.
     *
     * @param current {@code VmRSS}
     * @param peak {@code VmHWM}: the highest {@code VmRSS} since the process started or the peak was reset
     */
    record Snapshot(long current, long peak) {
    }

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    /** Pages the reading itself may touch between the reset and the check. */
    private static final long RESET_TOLERANCE_BYTES = 4L << 20;

    private ResidentMemory() {
    }

    /** The current and peak resident set size, or empty where {@code /proc/self/status} does not exist. */
    static Optional<Snapshot> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(STATUS, StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        long current = field(lines, "VmRSS:");
        long peak = field(lines, "VmHWM:");
        return current < 0 || peak < 0 ? Optional.empty() : Optional.of(new Snapshot(current, peak));
    }

    /**
     * Resets the peak to the current resident size.
     *
     * @return whether the reset took effect (the kernel may refuse the write, or ignore it)
     */
    static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
        return read().map(s -> s.peak() <= s.current() + RESET_TOLERANCE_BYTES).orElse(false);
    }

    /** {@code MemAvailable} of {@code /proc/meminfo}, in bytes: what can be allocated without swapping. */
    static Optional<Long> available() {
        try {
            long bytes = field(Files.readAllLines(MEMINFO, StandardCharsets.US_ASCII), "MemAvailable:");
            return bytes < 0 ? Optional.empty() : Optional.of(bytes);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** A {@code "Name:   1234 kB"} line's value in bytes; -1 if the field is missing. */
    private static long field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
