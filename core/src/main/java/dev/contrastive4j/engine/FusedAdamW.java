package dev.contrastive4j.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * libtorch's fused AdamW update ({@code torch._fused_adamw_}, what {@code torch.optim.AdamW(fused=True)} runs):
 * one vectorised, multi-threaded pass per parameter that reads the gradient and both moments and writes them and
 * the parameter back. The step-by-step update needs about a dozen element-wise operators per parameter, several of
 * which allocate a fresh array the size of the parameter; for the word embeddings (47 MB in MiniLM) each such
 * array is mapped from the kernel and faulted in again every step, which made the optimizer a third of a training
 * step on short texts.
 *
 * <h2>How it is called</h2>
 * Through JNA, by the operator's exported C++ entry point ({@code at::_ops::_fused_adamw_::call}), as
 * {@link FusedAttention} calls its operator. Each {@code at::TensorList} is a {@code c10::ArrayRef} passed by value
 * (a pointer to consecutive {@code at::Tensor}s and a count); each {@code at::Tensor} there is the borrowed
 * {@code TensorImpl*} of a DJL array. The optional gradient scale and "found inf" flag are passed empty. A C++
 * exception cannot cross the call (it would end the process), so every argument is checked here first against what
 * the CPU kernel reads: equal counts, equal sizes, one floating type, contiguous memory, all on the CPU.
 * Grad mode is turned off around the call, as {@code torch.optim} does around every update.
 */
public final class FusedAdamW {

    /**
     * {@code at::_ops::_fused_adamw_::call(params, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, state_steps, lr,
     * beta1, beta2, weight_decay, eps, amsgrad, maximize, grad_scale, found_inf)}.
     */
    private static final String OPERATOR_SYMBOL =
            "_ZN2at4_ops13_fused_adamw_4callEN3c108ArrayRefINS_6TensorEEES5_S5_S5_S5_S5_dddddbbRKSt8optionalIS4_ES9_";

    /** System property that turns the fused update off ({@value #UNFUSED}): for comparisons and as a way out. */
    public static final String PROPERTY = "contrastive4j.optimizer";

    /** The value of {@link #PROPERTY} that turns the fused update off. */
    public static final String UNFUSED = "unfused";

    private FusedAdamW() {}

    /** {@code c10::ArrayRef<at::Tensor>} as the x86-64 C++ ABI passes it by value. */
    @Structure.FieldOrder({"data", "length"})
    public static final class TensorList extends Structure implements Structure.ByValue {
        /** The first {@code at::Tensor}; null for an empty list. */
        public Pointer data;
        /** How many there are. */
        public long length;
    }

    private static final class Entry {
        static final Optional<Function> FUNCTION = LibtorchSymbols.find(OPERATOR_SYMBOL).map(found -> found[0]);
        static final Optional<ContiguityCheck> CONTIGUITY = ContiguityCheck.find();
    }

    /** DJL's binding of {@code torch::Tensor::is_contiguous}, which DJL keeps package-private. */
    private record ContiguityCheck(Object library, Method method) {
        static Optional<ContiguityCheck> find() {
            try {
                Class<?> type = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
                Method method = type.getDeclaredMethod("torchIsContiguous", long.class);
                Field instance = type.getDeclaredField("LIB");
                method.setAccessible(true);
                instance.setAccessible(true);
                return Optional.of(new ContiguityCheck(instance.get(null), method));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Optional.empty(); // a DJL without it: the caller updates step by step
            }
        }

        boolean test(NDArray array) {
            try {
                return (Boolean) method.invoke(library, ((PtNDArray) array).getHandle());
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
    }

    /** Whether the fused update can be called in this process and is not turned off. */
    public static boolean available() {
        return !UNFUSED.equals(System.getProperty(PROPERTY))
                && Entry.FUNCTION.isPresent() && Entry.CONTIGUITY.isPresent();
    }

    /** One line for benchmark reports: how the optimizer runs in this process. */
    public static String describe() {
        if (UNFUSED.equals(System.getProperty(PROPERTY))) {
            return "step by step (-D" + PROPERTY + "=" + UNFUSED + ")";
        }
        return available() ? "libtorch's fused AdamW (_fused_adamw_) on the CPU"
                : "step by step (libtorch's fused AdamW not found)";
    }

    /**
     * Parameters updated with one weight decay, and at each index their gradient and both moments.
     *
     * @param weightDecay λ of {@code θ ← θ(1 − lr·λ)}; 0 for biases and LayerNorm weights
     */
    public record Group(List<NDArray> parameters, List<NDArray> gradients, List<NDArray> firstMoments,
            List<NDArray> secondMoments, double weightDecay) {
        public Group {
            parameters = List.copyOf(parameters);
            gradients = List.copyOf(gradients);
            firstMoments = List.copyOf(firstMoments);
            secondMoments = List.copyOf(secondMoments);
        }

        /**
         * What the CPU kernel reads without checking: as many arrays of each kind, all float32 (or all float64),
         * contiguous, on the CPU, parameter, gradient and both moments of one size at each index.
         */
        boolean fitsTheKernel() {
            int n = parameters.size();
            if (n == 0 || gradients.size() != n || firstMoments.size() != n || secondMoments.size() != n) {
                return false;
            }
            DataType type = parameters.get(0).getDataType();
            if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                NDArray parameter = parameters.get(i);
                for (NDArray array : List.of(parameter, gradients.get(i), firstMoments.get(i), secondMoments.get(i))) {
                    if (!(array instanceof PtNDArray) || array.getDataType() != type
                            || !array.getDevice().getDeviceType().equals(Device.Type.CPU)
                            || !array.getShape().equals(parameter.getShape())
                            || !Entry.CONTIGUITY.orElseThrow().test(array)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * One AdamW update of every parameter of every group, in place, as {@code torch.optim.AdamW} computes it:
     * {@code θ ← θ(1 − lr·λ)}, then the moments, then {@code θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)};
     * one kernel call per group.
     *
     * @param step t, the number of this update (1 for the first)
     * @return false, with nothing changed, where the fused kernel is not available or a group does not fit it
     *     (the caller then updates step by step); groups without parameters are skipped
     */
    public static boolean update(List<Group> groups, long step, double learningRate, double beta1, double beta2,
            double epsilon) {
        List<Group> nonEmpty = groups.stream().filter(group -> !group.parameters().isEmpty()).toList();
        if (!available() || nonEmpty.isEmpty() || !nonEmpty.stream().allMatch(Group::fitsTheKernel)) {
            return false;
        }
        // Made by libtorch, not from a Java number: DJL's direct buffer behind the latter may be collected before
        // the kernel reads it (see GraphScalars).
        try (NDArray stepCount = nonEmpty.get(0).parameters().get(0).getManager().full(new Shape(), (float) step)) {
            for (Group group : nonEmpty) {
                call(group, stepCount, learningRate, beta1, beta2, epsilon);
            }
        }
        return true;
    }

    private static void call(Group group, NDArray stepCount, double learningRate, double beta1, double beta2,
            double epsilon) {
        int n = group.parameters().size();
        try (Memory params = tensors(group.parameters()); Memory grads = tensors(group.gradients());
                Memory moments1 = tensors(group.firstMoments()); Memory moments2 = tensors(group.secondMoments());
                Memory steps = tensors(Collections.nCopies(n, stepCount));
                Memory noTensor = new Memory(LibtorchSymbols.OPTIONAL_TENSOR_BYTES)) {
            noTensor.clear();
            Object[] arguments = {list(params, n), list(grads, n), list(moments1, n), list(moments2, n),
                    list(null, 0), list(steps, n), learningRate, beta1, beta2, group.weightDecay(), epsilon, false,
                    false, noTensor, noTensor};
            // With grad mode on, libtorch refuses in-place updates of leaves that need gradients, by a C++ exception.
            PyTorchRuntime.withGradMode(false, () -> {
                Entry.FUNCTION.orElseThrow().invokeVoid(arguments);
                return null;
            });
        }
    }

    private static Memory tensors(List<NDArray> arrays) {
        Memory memory = new Memory(LibtorchSymbols.TENSOR_BYTES * arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            memory.setPointer(LibtorchSymbols.TENSOR_BYTES * i, LibtorchSymbols.tensorImplementation(arrays.get(i)));
        }
        return memory;
    }

    private static TensorList list(Pointer data, int length) {
        TensorList list = new TensorList();
        list.data = data;
        list.length = length;
        return list;
    }
}
