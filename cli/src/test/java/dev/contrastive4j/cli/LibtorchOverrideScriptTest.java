package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' check of a libtorch of one's own ({@code bin/libtorch-override.sh}, sourced by {@code bin/c4j} and
 * {@code ./c4j}): which JNI flavour it sets for DJL, and its refusal of a folder without libtorch.
 */
class LibtorchOverrideScriptTest {

    private static final Path SCRIPT = Path.of("src/main/dist/bin/libtorch-override.sh");

    @TempDir
    Path dir;

    private record Sourced(int exitCode, String out, String err) { }

    /** Sources the script as the launchers do (with {@code set -euo pipefail}) and prints PYTORCH_FLAVOR. */
    private static Sourced source(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; . \"$0\"; echo \"${PYTORCH_FLAVOR:-unset}\"", SCRIPT.toString());
        builder.environment().remove("PYTORCH_LIBRARY_PATH");
        builder.environment().remove("PYTORCH_FLAVOR");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Sourced(process.waitFor(), out, err);
    }

    private Path libtorchFolder(String name, String... files) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (String file : files) {
            Files.createFile(folder.resolve(file));
        }
        return folder;
    }

    @Test
    void withoutPytorchLibraryPathNothingIsSet() throws Exception {
        assertThat(source(Map.of())).isEqualTo(new Sourced(0, "unset", ""));
    }

    @Test
    void aFolderWithTheCudaLibrariesGetsTheCu128GlueAnotherTheCpuGlue() throws Exception {
        Path cuda = libtorchFolder("cuda", "libtorch.so", "libtorch_cuda.so", "libc10_cuda.so");
        Path cpu = libtorchFolder("cpu", "libtorch.so", "libtorch_cpu.so");
        assertThat(source(Map.of("PYTORCH_LIBRARY_PATH", cuda.toString())).out()).isEqualTo("cu128");
        assertThat(source(Map.of("PYTORCH_LIBRARY_PATH", cpu.toString())).out()).isEqualTo("cpu");
        // As DJL does, the first folder that holds libtorch.so counts.
        String path = String.join(":", List.of(dir.resolve("missing").toString(), cuda.toString(), cpu.toString()));
        assertThat(source(Map.of("PYTORCH_LIBRARY_PATH", path)).out()).isEqualTo("cu128");
    }

    @Test
    void aFlavourTheUserSetIsKept() throws Exception {
        Path cuda = libtorchFolder("cuda", "libtorch.so", "libtorch_cuda.so");
        assertThat(source(Map.of("PYTORCH_LIBRARY_PATH", cuda.toString(), "PYTORCH_FLAVOR", "cpu")).out())
                .isEqualTo("cpu");
    }

    @Test
    void aPathWithoutLibtorchIsRefusedBeforeTheJvmStarts() throws Exception {
        Path empty = libtorchFolder("empty", "libc10.so");
        Sourced sourced = source(Map.of("PYTORCH_LIBRARY_PATH", empty.toString()));
        assertThat(sourced.exitCode()).isEqualTo(C4j.USER_ERROR);
        assertThat(sourced.out()).isEmpty();
        assertThat(sourced.err()).isEqualTo("c4j: error: PYTORCH_LIBRARY_PATH=" + empty + ": no folder in it holds"
                + " libtorch.so; expected the lib folder of a libtorch 2.7.1 (e.g. a pip-installed torch 2.7.1+cu128's"
                + " torch/lib; see docs/cuda.md)");
    }
}
