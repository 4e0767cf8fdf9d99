package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.engine.StandardCapabilities;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.engine.PyTorchRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --device} on the commands that run a model, on this machine's libtorch (the CPU build): the CPU is the
 * default and gives the same bytes when named, {@code auto} falls back to it, and asking for a GPU is a usage error.
 */
class DeviceOptionTest {

    @TempDir
    static Path workspace;
    static Path tinyModel;
    static Path triplets;
    static Path texts;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        tinyModel = workspace.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(7)) {
            tiny.save(tinyModel);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            lines.add(String.format("{\"anchor\": \"the cat %d\", \"positive\": \"a dog %d\", \"negative\": \"red %d\"}",
                    i, i + 3, i + 7));
        }
        triplets = Files.write(workspace.resolve("triplets.jsonl"), lines, StandardCharsets.UTF_8);
        texts = Files.writeString(workspace.resolve("texts.txt"), "the cat sat\na dog\nthe quick brown fox jumps\n");
    }

    private static boolean libtorchHasCuda() {
        return PyTorchRuntime.engine().hasCapability(StandardCapabilities.CUDA);
    }

    private static CliRun encode(Path output, String... device) {
        List<String> args = new ArrayList<>(List.of("encode", "--model", tinyModel.toString(), "--input",
                texts.toString(), "--output", output.toString()));
        args.addAll(List.of(device));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static CliRun train(Path output, String... device) {
        List<String> args = new ArrayList<>(List.of("train", "--model", tinyModel.toString(), "--train",
                triplets.toString(), "--batch-size", "8", "--max-steps", "2", "--lr", "1e-3", "--output",
                output.toString(), "--no-progress"));
        args.addAll(List.of(device));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void badDeviceSyntaxIsAUsageErrorOnEveryCommandThatRunsAModel() {
        for (String command : List.of("train", "evaluate", "encode", "mine", "compare")) {
            for (String bad : List.of("gpu", "cuda:x")) {
                CliRun run = CliRun.of(command, "--device", bad);
                assertThat(run.exitCode()).as(command + " " + bad + ": " + run.err()).isEqualTo(C4j.USER_ERROR);
                assertThat(run.err()).as(command).startsWith("c4j: error: --device '" + bad
                        + "': expected auto, cpu, cuda or cuda:N (N = 0, 1, …, the GPU's index) (see 'c4j " + command
                        + " --help')");
            }
        }
    }

    @Test
    void cpuNamedGivesTheSameBytesAsTheDefaultAndAutoFallsBackToTheCpu() throws Exception {
        assumeFalse(libtorchHasCuda(), "this libtorch has CUDA: auto would choose the GPU");
        Path byDefault = workspace.resolve("default.npy");
        Path cpu = workspace.resolve("cpu.npy");
        Path auto = workspace.resolve("auto.npy");
        for (CliRun run : List.of(encode(byDefault), encode(cpu, "--device", "cpu"), encode(auto, "--device", "auto"))) {
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        byte[] expected = Files.readAllBytes(byDefault);
        assertThat(expected.length).isGreaterThan(3 * 32 * Float.BYTES);
        assertThat(Files.readAllBytes(cpu)).isEqualTo(expected);
        assertThat(Files.readAllBytes(auto)).isEqualTo(expected);
    }

    @Test
    void trainingWithCpuNamedSavesTheSameWeightsAsTheDefault() throws Exception {
        Path byDefault = workspace.resolve("train-default");
        Path cpu = workspace.resolve("train-cpu");
        assertThat(train(byDefault).exitCode()).isZero();
        CliRun named = train(cpu, "--device", "cpu");
        assertThat(named.exitCode()).as(named.err()).isZero();
        byte[] expected = Files.readAllBytes(byDefault.resolve("final/model.safetensors"));
        byte[] base = Files.readAllBytes(tinyModel.resolve("model.safetensors"));
        assertThat(expected).isNotEqualTo(base); // two updates changed the weights
        assertThat(Files.readAllBytes(cpu.resolve("final/model.safetensors"))).isEqualTo(expected);
        assertThat(new ObjectMapper().readTree(cpu.resolve("run.json").toFile()).get("device").asText())
                .isEqualTo("cpu");
    }

    @Test
    void askingForAGpuThatLibtorchDoesNotSeeIsAUserErrorThatSaysWhy() {
        assumeFalse(libtorchHasCuda(), "this libtorch has CUDA");
        String version = PyTorchRuntime.engine().getVersion();
        CliRun encode = encode(workspace.resolve("never.npy"), "--device", "cuda");
        assertThat(encode.exitCode()).as(encode.err()).isEqualTo(C4j.USER_ERROR);
        assertThat(encode.err()).startsWith("c4j: error: --device cuda:0 asks for GPU 0, but libtorch " + version
                + " loaded here has no CUDA support").contains("docs/cuda.md", "use --device cpu or --device auto");
        assertThat(workspace.resolve("never.npy")).doesNotExist();

        CliRun training = train(workspace.resolve("never-trained"), "--device", "cuda:1");
        assertThat(training.exitCode()).as(training.err()).isEqualTo(C4j.USER_ERROR);
        assertThat(training.err()).startsWith("c4j: error: --device cuda:1 asks for GPU 1, but libtorch " + version);
        assertThat(training.err().lines()).hasSize(1);
        assertThat(workspace.resolve("never-trained")).doesNotExist();

        Path comparison = workspace.resolve("never-compared");
        CliRun compare = CliRun.of("compare", "--model", tinyModel.toString(), "--train", triplets.toString(), "--test",
                triplets.toString(), "--output", comparison.toString(), "--no-progress", "--device", "cuda");
        assertThat(compare.exitCode()).as(compare.err()).isEqualTo(C4j.USER_ERROR);
        assertThat(compare.err()).contains("c4j: error: --device cuda:0 asks for GPU 0, but libtorch " + version);
        assertThat(comparison).doesNotExist(); // a comparison that never started leaves no folder
    }
}
