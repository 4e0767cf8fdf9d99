package dev.contrastive4j.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.encoder.io.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved model is meant to be shared: its folder and weights get the permissions of any file the user makes
 * (the umask), not the owner-only ones of Java's temporary files, which the rename into place used to keep
 * (issue 19, messages: {@code final/} and checkpoints 0700, weights 0600).
 */
class SavedModelsFollowTheUmaskTest {

    @Test
    void aSavedModelFolderAndItsWeightsHaveTheUmasksPermissions(@TempDir Path dir) throws Exception {
        // What the umask gives a plain new folder and file here (0755 and 0644 under the usual 022).
        Set<PosixFilePermission> folderPermissions = Files.getPosixFilePermissions(
                Files.createDirectory(dir.resolve("plain-folder")));
        Set<PosixFilePermission> filePermissions = Files.getPosixFilePermissions(
                Files.createFile(dir.resolve("plain-file")));
        assertThat(filePermissions).as("the umask lets others read; else this test shows nothing")
                .contains(PosixFilePermission.OTHERS_READ);

        Path model = dir.resolve("final");
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(model);
        }
        Path weights = dir.resolve("weights.safetensors");
        SafetensorsWriter.write(weights, Map.of("w", new FloatTensor(new long[] {2}, new float[] {1, 2})),
                Map.of());

        assertThat(Files.getPosixFilePermissions(model)).isEqualTo(folderPermissions);
        assertThat(Files.getPosixFilePermissions(model.resolve("model.safetensors"))).isEqualTo(filePermissions);
        assertThat(Files.getPosixFilePermissions(weights)).isEqualTo(filePermissions);
    }

    @Test
    void temporaryPathsAreHiddenBesideTheTargetAndFollowTheUmask(@TempDir Path dir) throws Exception {
        Set<PosixFilePermission> filePermissions = Files.getPosixFilePermissions(
                Files.createFile(dir.resolve("plain-file")));
        Path file = TemporaryPaths.createFile(dir, ".out.", ".tmp");
        Path folder = TemporaryPaths.createFolder(dir, ".staging-");

        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).startsWith(".out.").endsWith(".tmp");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(filePermissions);
        assertThat(folder.getFileName().toString()).startsWith(".staging-");
        assertThat(Files.getPosixFilePermissions(folder)).contains(PosixFilePermission.OTHERS_EXECUTE);
    }
}
