package dev.contrastive4j.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command in a folder and collects what it printed (stdout and stderr together). */
record ChildProcess(int exitCode, String output) {

    static ChildProcess run(List<String> command, Path directory, Map<String, String> environment,
            long timeoutSeconds) throws IOException, InterruptedException {
        // Output goes to a file, not a pipe, so that a chatty child never blocks on a full pipe while we wait.
        Path log = Files.createTempFile("c4j-child-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new ChildProcess(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
