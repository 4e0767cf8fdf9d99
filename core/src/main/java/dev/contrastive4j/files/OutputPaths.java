package dev.contrastive4j.files;

import dev.contrastive4j.files.IoProblems;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work starts, that an output can be created where the user asked, so that a run does not
 * fail at its end (after minutes of training or evaluation) because of a typo in a path. Nothing is created:
 * outputs appear only when they are written, complete.
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * Fails unless {@code target} (a file or folder that may not exist yet) could be created: its nearest
     * existing ancestor must be a folder in which a file can be written. The check writes and deletes a probe
     * file there, because permission bits do not tell (the superuser ignores them; {@code /proc} refuses new
     * entries whatever they say).
     *
     * @param option names the option in errors, e.g. {@code --output}
     */
    public static void checkCreatable(Path target, String option) {
        Path absolute = target.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new ContrastiveException(option + " " + target + ": cannot be created: no part of the path exists");
        }
        if (existing.equals(absolute)) {
            existing = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw new ContrastiveException(option + " " + target + ": cannot be created: " + existing
                    + " is a file, not a folder");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".c4j-probe-", ".tmp"));
        } catch (IOException e) {
            throw new ContrastiveException(option + " " + target + ": cannot be created: cannot write in " + existing
                    + " (" + IoProblems.reason(e) + ")", e);
        }
    }

    /**
     * Fails when {@code output} names the same file as {@code input}: directly, through a symbolic link, or as
     * another spelling of the same path ({@code ./t.jsonl}). Writing the output would replace the input.
     *
     * @param option names the output option in errors, e.g. {@code --output}
     * @param inputOption names the input option, e.g. {@code --input}
     */
    public static void checkNotInput(Path output, String option, Path input, String inputOption) {
        if (input == null || output == null) {
            return;
        }
        boolean same;
        try {
            same = Files.exists(output) && Files.exists(input)
                    ? Files.isSameFile(output, input)
                    : output.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize());
        } catch (IOException e) {
            same = false; // one of them cannot be read: the read or the write reports that more clearly
        }
        if (same) {
            throw new ContrastiveException(option + " " + output + " is the input " + inputOption + " " + input
                    + "; writing it would replace the input: choose another file");
        }
    }
}
