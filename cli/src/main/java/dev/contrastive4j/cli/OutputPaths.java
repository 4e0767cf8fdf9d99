package dev.contrastive4j.cli;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work starts, that an output can be created where the user asked, so that a run does not
 * fail at its end (after minutes of training or evaluation) because of a typo in a path. Nothing is created:
 * outputs appear only when they are written, complete.
 */
final class OutputPaths {

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
    static void checkCreatable(Path target, String option) {
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
}
