package dev.contrastive4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.util.List;
import java.util.Optional;

/**
 * libtorch's fused attention, {@code torch.nn.functional.scaled_dot_product_attention}, which DJL's bindings do
 * not offer. On the CPU, without dropout, libtorch runs it as one blocked kernel (its "flash attention" for CPUs)
 * that never holds a whole {@code (B, heads, T, T)} score matrix: at 256 tokens that matrix and its softmax are
 * what made our unfused attention slow and memory-hungry.
 *
 * <h2>How it is called</h2>
 * Through JNA, by the exported C++ entry point of the operator ({@code at::_ops::scaled_dot_product_attention::call},
 * the same one a TorchScript or Python call reaches), so dispatch, backend choice and autograd are libtorch's own.
 * The C++ calling convention is spelled out by hand:
 * <ul>
 *   <li>the returned {@code at::Tensor} is built into storage the caller passes as a hidden first argument; that
 *       storage comes from {@code operator new}, as DJL's own {@code new torch::Tensor(…)} does, so that DJL's
 *       {@code delete} frees it when the array is closed;</li>
 *   <li>{@code const at::Tensor&} is a pointer to the {@code at::Tensor} that a DJL handle points to;</li>
 *   <li>{@code const std::optional<at::Tensor>&} points to 16 bytes: the tensor's implementation pointer (borrowed,
 *       its reference count untouched, since the callee only reads it) and the engaged flag;</li>
 *   <li>{@code std::optional<double>} goes by value (a {@code double} and a flag).</li>
 * </ul>
 * A C++ exception cannot cross this boundary (it would end the process), so every argument is checked here first
 * against what the operator requires; {@link #available()} is false where the symbol is missing (another libtorch).
 */
public final class FusedAttention {

    /**
     * {@code at::_ops::scaled_dot_product_attention::call(q, k, v, attn_mask, dropout_p, is_causal, scale,
     * enable_gqa)}.
     */
    private static final String OPERATOR_SYMBOL =
            "_ZN2at4_ops28scaled_dot_product_attention4callERKNS_6TensorES4_S4_RKSt8optionalIS2_EdbS5_IdEb";
    /** {@code operator new(size_t)}. */
    private static final String OPERATOR_NEW_SYMBOL = "_Znwm";

    private FusedAttention() {}

    /** {@code std::optional<double>} as the x86-64 C++ ABI passes it by value. */
    @Structure.FieldOrder({"value", "engaged"})
    public static final class OptionalDouble extends Structure implements Structure.ByValue {
        /** The value. */
        public double value;
        /** 1 when a value is present. */
        public byte engaged;
    }

    private static final class Entry {
        static final Optional<Function[]> FUNCTIONS = LibtorchSymbols.find(OPERATOR_SYMBOL, OPERATOR_NEW_SYMBOL);
    }

    /**
     * System property that turns the fused operator off ({@value #UNFUSED}), so that the encoder computes
     * attention step by step as before: for comparisons and as a way out should a libtorch build misbehave.
     */
    public static final String PROPERTY = "contrastive4j.attention";

    /** The value of {@link #PROPERTY} that turns fused attention off. */
    public static final String UNFUSED = "unfused";

    /** Whether libtorch's fused attention can be called in this process and is not turned off. */
    public static boolean available() {
        return !UNFUSED.equals(System.getProperty(PROPERTY)) && Entry.FUNCTIONS.isPresent();
    }

    /** One line for benchmark reports: how attention runs in this process. */
    public static String describe() {
        if (UNFUSED.equals(System.getProperty(PROPERTY))) {
            return "step by step (-D" + PROPERTY + "=" + UNFUSED + ")";
        }
        return Entry.FUNCTIONS.isPresent()
                ? "libtorch's fused scaled_dot_product_attention where no attention dropout applies"
                : "step by step (libtorch's fused operator not found)";
    }

    /**
     * {@code softmax(scale · Q·Kᵀ + mask) · V} per batch row and head, without dropout.
     *
     * @param query {@code (B, heads, T, d)} float32
     * @param key {@code (B, heads, S, d)} float32
     * @param value {@code (B, heads, S, d)} float32
     * @param additiveMask {@code (B, 1, 1, S)} float32, added to the scaled scores
     * @param scale the factor on Q·Kᵀ, usually {@code 1/√d}
     * @return {@code (B, heads, T, d)}, in {@code query}'s manager; part of the graph when grad mode is on
     */
    public static NDArray attend(NDArray query, NDArray key, NDArray value, NDArray additiveMask, double scale) {
        Function[] functions = Entry.FUNCTIONS.filter(found -> available()).orElseThrow(
                () -> new IllegalStateException("libtorch's scaled_dot_product_attention is not available"));
        checkArguments(query, key, value, additiveMask);
        Pointer result = functions[1].invokePointer(new Object[] {LibtorchSymbols.TENSOR_BYTES});
        try (Memory mask = new Memory(LibtorchSymbols.OPTIONAL_TENSOR_BYTES)) {
            mask.clear();
            mask.setPointer(0, LibtorchSymbols.tensorImplementation(additiveMask));
            mask.setByte(LibtorchSymbols.TENSOR_BYTES, (byte) 1);
            OptionalDouble factor = new OptionalDouble();
            factor.value = scale;
            factor.engaged = 1;
            functions[0].invokeVoid(new Object[] {result, LibtorchSymbols.handle(query), LibtorchSymbols.handle(key),
                    LibtorchSymbols.handle(value), mask, 0.0d, false, factor, false});
        }
        return new PtNDArray((PtNDManager) query.getManager(), Pointer.nativeValue(result));
    }

    private static void checkArguments(NDArray query, NDArray key, NDArray value, NDArray mask) {
        Shape q = query.getShape();
        Shape k = key.getShape();
        Shape m = mask.getShape();
        boolean shapes = q.dimension() == 4 && k.equals(value.getShape()) && k.dimension() == 4
                && q.get(0) == k.get(0) && q.get(1) == k.get(1) && q.get(3) == k.get(3)
                && m.dimension() == 4 && m.get(0) == q.get(0) && m.get(1) == 1 && m.get(2) == 1 && m.get(3) == k.get(2);
        if (!shapes) {
            throw new IllegalArgumentException("attention shapes do not fit: query " + q + ", key " + k + ", value "
                    + value.getShape() + ", mask " + m);
        }
        for (NDArray array : List.of(query, key, value, mask)) {
            if (array.getDataType() != DataType.FLOAT32 || !(array instanceof PtNDArray)
                    || !array.getDevice().equals(query.getDevice())) {
                throw new IllegalArgumentException("attention needs float32 PyTorch arrays on one device, found "
                        + array.getDataType() + " on " + array.getDevice());
            }
        }
    }

}
