package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.Device;
import ai.djl.engine.StandardCapabilities;
import dev.contrastive4j.spi.ContrastiveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComputeDeviceTest {

    private static final String OPTION = "--device";

    @Test
    void parsesEveryAcceptedFormIgnoringCaseAndSurroundingSpace() {
        assertThat(ComputeDevice.parse("cpu", OPTION)).isEqualTo(ComputeDevice.CPU);
        assertThat(ComputeDevice.parse(" CPU ", OPTION)).isEqualTo(ComputeDevice.CPU);
        assertThat(ComputeDevice.parse("auto", OPTION)).isEqualTo(ComputeDevice.AUTO);
        assertThat(ComputeDevice.parse("cuda", OPTION)).isEqualTo(ComputeDevice.cuda(0));
        assertThat(ComputeDevice.parse("cuda:0", OPTION)).isEqualTo(ComputeDevice.cuda(0));
        assertThat(ComputeDevice.parse("CUDA:3", OPTION)).isEqualTo(ComputeDevice.cuda(3));
        assertThat(ComputeDevice.parse("cuda:3", OPTION)).isNotEqualTo(ComputeDevice.cuda(2));
    }

    @Test
    void printsTheFormItParses() {
        for (ComputeDevice device : new ComputeDevice[] {ComputeDevice.CPU, ComputeDevice.AUTO, ComputeDevice.cuda(2)}) {
            assertThat(ComputeDevice.parse(device.toString(), OPTION)).isEqualTo(device);
        }
        assertThat(ComputeDevice.parse("cuda", OPTION)).hasToString("cuda:0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu", "cuda:x", "cuda:", "cuda:-1", "cuda0", "cpu:0", "", "mps"})
    void badSyntaxIsAClearErrorNamingTheOptionAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> ComputeDevice.parse(text, OPTION))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("--device '" + text + "': expected auto, cpu, cuda or cuda:N (N = 0, 1, …, the GPU's index)");
    }

    @Test
    void cpuIsTheCpuWhateverTheMachineHas() {
        ComputeDevice.Resolution resolution = ComputeDevice.CPU.resolve(4, true, "2.7.1");
        assertThat(resolution.device()).isEqualTo(Device.cpu());
        assertThat(resolution.note()).isEmpty();
    }

    @Test
    void autoTakesTheFirstGpuWhenLibtorchSeesOne() {
        ComputeDevice.Resolution resolution = ComputeDevice.AUTO.resolve(2, true, "2.7.1");
        assertThat(resolution.device()).isEqualTo(Device.gpu(0));
        assertThat(resolution.note()).isEmpty();
    }

    @Test
    void autoWithoutAGpuFallsBackToTheCpuAndSaysWhy() {
        ComputeDevice auto = ComputeDevice.parse("auto", OPTION);
        ComputeDevice.Resolution noGpu = auto.resolve(0, true, "2.7.1");
        assertThat(noGpu.device()).isEqualTo(Device.cpu());
        assertThat(noGpu.note()).contains("--device auto: running on the CPU, because libtorch 2.7.1 sees 0 GPUs");

        // DJL counts GPUs through the CUDA runtime: a CPU libtorch on a GPU machine still has none to use.
        ComputeDevice.Resolution cpuBuild = auto.resolve(2, false, "2.7.1");
        assertThat(cpuBuild.device()).isEqualTo(Device.cpu());
        assertThat(cpuBuild.note()).hasValueSatisfying(note -> assertThat(note)
                .startsWith("--device auto: running on the CPU, because libtorch 2.7.1 loaded here has no CUDA support")
                .contains("the CPU build this project ships never has"));
    }

    @Test
    void cudaTakesTheGpuAskedFor() {
        assertThat(ComputeDevice.parse("cuda:1", OPTION).resolve(2, true, "2.7.1").device()).isEqualTo(Device.gpu(1));
        assertThat(ComputeDevice.parse("cuda", OPTION).resolve(1, true, "2.7.1").device()).isEqualTo(Device.gpu(0));
    }

    @Test
    void cudaOnACpuBuildIsAClearErrorNamingTheOptionAndWhatLibtorchSees() {
        assertThatThrownBy(() -> ComputeDevice.parse("cuda", OPTION).resolve(0, false, "2.7.1"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("--device cuda:0 asks for GPU 0, but libtorch 2.7.1 loaded here has no CUDA support, so it"
                        + " sees no GPU (the CPU build this project ships never has; docs/cuda.md says how to use a CUDA"
                        + " build); use --device cpu or --device auto");
    }

    @Test
    void aGpuIndexBeyondWhatLibtorchSeesIsAClearErrorWithTheValidIndices() {
        assertThatThrownBy(() -> ComputeDevice.parse("cuda:2", OPTION).resolve(2, true, "2.7.1"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("--device cuda:2 asks for GPU 2, but libtorch 2.7.1 sees 2 GPUs (indices 0 to 1); use"
                        + " --device cpu or --device auto");
        assertThatThrownBy(() -> ComputeDevice.cuda(0).resolve(0, true, "2.7.1"))
                .hasMessage("device cuda:0 asks for GPU 0, but libtorch 2.7.1 sees 0 GPUs; use device cpu or device"
                        + " auto");
    }

    @Test
    void resolvedDevicesAreNamedAsTheOptionSpellsThem() {
        assertThat(ComputeDevice.name(Device.cpu())).isEqualTo("cpu");
        assertThat(ComputeDevice.name(Device.gpu(3))).isEqualTo("cuda:3");
    }

    @Test
    void aNegativeGpuIndexIsRefused() {
        assertThatThrownBy(() -> ComputeDevice.cuda(-1)).isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("found -1");
    }

    /** This machine's libtorch, the CPU build from Maven Central: {@code auto} is the CPU, {@code cuda} an error. */
    @Test
    void onTheCpuBuildOfLibtorchAutoIsTheCpuAndCudaIsRefused() {
        assumeFalse(PyTorchRuntime.engine().hasCapability(StandardCapabilities.CUDA), "this libtorch has CUDA");
        assertThat(ComputeDevice.AUTO.resolve()).isEqualTo(Device.cpu());
        assertThat(ComputeDevice.CPU.resolve()).isEqualTo(Device.cpu());
        assertThat(ComputeDevice.AUTO.concrete()).isEqualTo(ComputeDevice.CPU);
        assertThatThrownBy(() -> ComputeDevice.cuda(0).concrete()).isInstanceOf(ContrastiveException.class);
        assertThatThrownBy(() -> ComputeDevice.parse("cuda:1", OPTION).resolve())
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("--device cuda:1 asks for GPU 1, but libtorch "
                        + PyTorchRuntime.engine().getVersion() + " loaded here has no CUDA support");
    }
}
