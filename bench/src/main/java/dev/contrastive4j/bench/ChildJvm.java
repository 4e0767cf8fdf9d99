package dev.contrastive4j.bench;

import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a benchmark probe's {@code main} in a fresh JVM with this JVM's class path, maximum heap and PyTorch
 * settings, and returns the one line it prints after a given prefix.
 *
 * <p>Why a child process: glibc keeps much of what libtorch frees mapped for reuse, so in a process that has
 * already run something else the resident size neither starts from the same baseline nor grows by what the
 * measured work needs.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code arguments}.
     *
     * @param intraOpThreads PyTorch's intra-op threads in the child
     * @param resultPrefix starts the child's result line on standard output
     * @param what names the measurement in errors
     * @return the result line without its prefix
     * @throws ContrastiveException if the child fails, runs past {@code timeout} or prints no result line
     */
    static String run(Class<?> mainClass, List<String> arguments, int intraOpThreads, String resultPrefix,
            Duration timeout, String what) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
        command.add("-D" + PyTorchRuntime.INTRA_OP_THREADS + "=" + intraOpThreads);
        command.add("-D" + PyTorchRuntime.INTER_OP_THREADS + "="
                + System.getProperty(PyTorchRuntime.INTER_OP_THREADS, "1"));
        command.add("-Dai.djl.offline=true");
        command.add("-DOPT_OUT_TRACKING=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("c4j-probe-", ".out");
            err = Files.createTempFile("c4j-probe-", ".err");
            // Files, not pipes: a child that writes much and is never read would block.
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new ContrastiveException("the " + what + " did not finish within " + timeout.toSeconds() + " s");
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            int exitCode = process.exitValue();
            if (exitCode != 0) {
                // 128 + signal: 137 is SIGKILL, what the kernel's out-of-memory killer sends.
                String reason = exitCode > 128 ? "killed by signal " + (exitCode - 128)
                        + (exitCode == 137 ? ", most likely out of memory" : "")
                        : "exit code " + exitCode + ": " + failure(Files.readAllLines(err, StandardCharsets.UTF_8));
                throw new ContrastiveException("the " + what + " failed (" + reason + ")");
            }
            return lines.stream().filter(line -> line.startsWith(resultPrefix)).findFirst()
                    .map(line -> line.substring(resultPrefix.length()))
                    .orElseThrow(() -> new ContrastiveException("the " + what + " printed no result line"));
        } catch (IOException e) {
            throw new ContrastiveException("cannot run the " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContrastiveException("interrupted during the " + what, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** The child's error: the first exception line it printed, else its last line that is not a log line. */
    private static String failure(List<String> stderr) {
        return stderr.stream().filter(line -> line.contains("Exception: ") || line.contains("Error: ")).findFirst()
                .or(() -> stderr.stream().filter(line -> !line.isBlank() && !line.startsWith("["))
                        .reduce((first, second) -> second))
                .map(String::strip).orElse("no message");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover temporary file is harmless.
            }
        }
    }
}
