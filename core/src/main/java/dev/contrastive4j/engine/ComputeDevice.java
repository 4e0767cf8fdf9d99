package dev.contrastive4j.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job runs its model: {@code cpu} (the default), {@code cuda} / {@code cuda:N} (GPU N, 0 when not given)
 * or {@code auto} (GPU 0 when libtorch sees one, otherwise the CPU, with a warning that says so). The one home of
 * the {@code --device} syntax, its checks and its messages; every job's builder takes one and hands it to
 * {@link dev.contrastive4j.encoder.EncoderLoader}, which places the model's parameters there. Every array a job makes
 * afterwards lives in a manager below the model's, so it inherits the device.
 *
 * <p>A GPU needs a CUDA build of libtorch; the CPU build this project ships sees none, so {@code cuda} is refused
 * with a message that says so (see {@code docs/cuda.md}).
 */
public final class ComputeDevice {

    private static final Logger LOG = LoggerFactory.getLogger(ComputeDevice.class);

    /** The default: the CPU, whatever libtorch could see. */
    public static final ComputeDevice CPU = new ComputeDevice(Kind.CPU, 0, "device");

    /** GPU 0 where libtorch sees one, otherwise the CPU (with a warning). */
    public static final ComputeDevice AUTO = new ComputeDevice(Kind.AUTO, 0, "device");

    private static final Pattern CUDA = Pattern.compile("cuda(?::(\\d{1,4}))?");

    private enum Kind { CPU, AUTO, CUDA }

    private final Kind kind;
    private final int index;
    /** The option or field the value came from, for messages ({@code --device} on the command line). */
    private final String source;

    private ComputeDevice(Kind kind, int index, String source) {
        this.kind = kind;
        this.index = index;
        this.source = source;
    }

    /** GPU {@code index} (CUDA's numbering, as {@code cuda:N}). */
    public static ComputeDevice cuda(int index) {
        if (index < 0) {
            throw new ContrastiveException("device: a GPU index is 0 or more, found " + index);
        }
        return new ComputeDevice(Kind.CUDA, index, "device");
    }

    /**
     * Reads {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N} (case-insensitive).
     *
     * @param source the option the text came from, named in errors (e.g. {@code --device})
     * @throws ContrastiveException naming {@code source}, the text and the accepted forms
     */
    public static ComputeDevice parse(String text, String source) {
        Objects.requireNonNull(source);
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("cpu")) {
            return new ComputeDevice(Kind.CPU, 0, source);
        }
        if (value.equals("auto")) {
            return new ComputeDevice(Kind.AUTO, 0, source);
        }
        Matcher cuda = CUDA.matcher(value);
        if (cuda.matches()) {
            return new ComputeDevice(Kind.CUDA, cuda.group(1) == null ? 0 : Integer.parseInt(cuda.group(1)), source);
        }
        throw new ContrastiveException(source + " '" + text + "': expected auto, cpu, cuda or cuda:N (N = 0, 1, …,"
                + " the GPU's index)");
    }

    /** Whether this is the CPU, whatever the machine has. */
    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    /**
     * The DJL device for this choice on the running libtorch (starting the engine if needed); {@code auto} without a
     * GPU logs a warning that it runs on the CPU.
     *
     * @throws ContrastiveException for {@code cuda[:N]} when libtorch sees no such GPU
     */
    public Device resolve() {
        if (kind == Kind.CPU) {
            return Device.cpu(); // no need to ask the engine: the CPU is always there
        }
        Engine engine = PyTorchRuntime.engine();
        Resolution resolution = resolve(engine.getGpuCount(), engine.hasCapability(StandardCapabilities.CUDA),
                engine.getVersion());
        resolution.note().ifPresent(LOG::warn);
        return resolution.device();
    }

    /**
     * This choice made concrete on the running libtorch, {@code cpu} or {@code cuda:N}, as {@link #resolve()} makes
     * it. A job that loads several models resolves once: {@code auto}'s warning then shows once, and a GPU that is not
     * there fails before any work.
     */
    public ComputeDevice concrete() {
        if (kind == Kind.CPU) {
            return this;
        }
        Device device = resolve();
        return device.isGpu() ? new ComputeDevice(Kind.CUDA, device.getDeviceId(), source)
                : new ComputeDevice(Kind.CPU, 0, source);
    }

    /**
     * The device on a libtorch that sees {@code gpuCount} GPUs, with the note {@code auto} logs when it falls back to
     * the CPU; separate from the engine so that every case is testable on any machine.
     *
     * @param cudaBuild whether the loaded libtorch has CUDA support (a CPU build never has)
     * @param libtorchVersion named in messages
     */
    Resolution resolve(int gpuCount, boolean cudaBuild, String libtorchVersion) {
        // DJL counts GPUs through the CUDA runtime, not libtorch: a CPU libtorch on a GPU machine can use none.
        int usable = cudaBuild ? gpuCount : 0;
        String why = cudaBuild ? "libtorch " + libtorchVersion + " sees " + gpus(gpuCount)
                : "libtorch " + libtorchVersion + " loaded here has no CUDA support, so it sees no GPU (the CPU build"
                        + " this project ships never has; docs/cuda.md says how to use a CUDA build)";
        switch (kind) {
            case CPU:
                return new Resolution(Device.cpu(), Optional.empty());
            case AUTO:
                return usable > 0 ? new Resolution(Device.gpu(0), Optional.empty())
                        : new Resolution(Device.cpu(), Optional.of(source + " auto: running on the CPU, because " + why));
            default:
                if (index < usable) {
                    return new Resolution(Device.gpu(index), Optional.empty());
                }
                throw new ContrastiveException(source + " " + this + " asks for GPU " + index + ", but " + why
                        + (cudaBuild && gpuCount > 0 ? " (indices 0 to " + (gpuCount - 1) + ")" : "")
                        + "; use " + source + " cpu or " + source + " auto");
        }
    }

    private static String gpus(int count) {
        return count == 1 ? "1 GPU" : count + " GPUs";
    }

    /** A resolved device and, for {@code auto} without a GPU, the note that says it runs on the CPU. */
    record Resolution(Device device, Optional<String> note) { }

    /** A resolved device as {@link #parse} spells it: {@code cpu} or {@code cuda:N} (DJL prints {@code gpu(N)}). */
    public static String name(Device device) {
        return device.isGpu() ? "cuda:" + device.getDeviceId() : device.getDeviceType();
    }

    /** The form {@link #parse} reads: {@code cpu}, {@code auto} or {@code cuda:N}. */
    @Override
    public String toString() {
        return switch (kind) {
            case CPU -> "cpu";
            case AUTO -> "auto";
            case CUDA -> "cuda:" + index;
        };
    }

    /** Equal when they choose the same device; where the value came from does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ComputeDevice that && kind == that.kind && index == that.index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, index);
    }
}
