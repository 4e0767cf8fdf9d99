package dev.contrastive4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * Exported C++ entry points of the libtorch that DJL loaded, for the few operators DJL does not bind, and the
 * pointers a call to them takes. One home for what {@link FusedAttention} and {@link FusedAdamW} share.
 */
final class LibtorchSymbols {

    /** {@code sizeof(at::Tensor)}: one intrusive pointer. */
    static final long TENSOR_BYTES = 8;
    /** {@code sizeof(std::optional<at::Tensor>)}: the pointer, then the engaged flag. */
    static final long OPTIONAL_TENSOR_BYTES = 16;

    private LibtorchSymbols() {}

    /**
     * The functions named by {@code symbols} (mangled names) in the loaded {@code libtorch_cpu.so}, in that order;
     * empty if the library is not mapped or any symbol is missing (another libtorch build).
     */
    static Optional<Function[]> find(String... symbols) {
        PyTorchRuntime.engine();
        return LoadedLibraries.find("libtorch_cpu.so").flatMap(path -> {
            try {
                NativeLibrary torch = NativeLibrary.getInstance(path.toString());
                Function[] functions = new Function[symbols.length];
                for (int i = 0; i < symbols.length; i++) {
                    functions[i] = torch.getFunction(symbols[i]);
                }
                return Optional.of(functions);
            } catch (UnsatisfiedLinkError e) {
                return Optional.empty();
            }
        });
    }

    /** The {@code at::Tensor*} a DJL handle is: what a {@code const at::Tensor&} argument takes. */
    static Pointer handle(NDArray array) {
        return new Pointer(((PtNDArray) array).getHandle());
    }

    /**
     * The {@code TensorImpl*} inside the {@code at::Tensor} a DJL handle points to: an {@code at::Tensor} by value is
     * this one pointer. Borrowed, its reference count untouched, so only for arguments the callee reads.
     */
    static Pointer tensorImplementation(NDArray array) {
        return handle(array).getPointer(0);
    }
}
