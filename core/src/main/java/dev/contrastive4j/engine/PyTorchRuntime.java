package dev.contrastive4j.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.sun.jna.NativeLibrary;
import dev.contrastive4j.spi.GraphScalars;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The process-wide settings of DJL's PyTorch engine this project depends on: offline mode and no usage
 * tracking, thread counts, autograd mode, gradient clearing and the random generator that drives dropout.
 * Every entry point (the CLI, the encoder, the trainer, tests) starts the engine through {@link #engine()}.
 *
 * <h2>Threads</h2>
 * DJL reads {@value #INTRA_OP_THREADS} (threads inside one operation, e.g. a matrix product) and
 * {@value #INTER_OP_THREADS} (operations run side by side) once, when the engine starts. Unless the user
 * set them ({@code -Dai.djl.pytorch.num_threads=4}), {@link #configureDefaults()} sets intra-op to the
 * machine's core count and inter-op to 1: a BERT forward pass is a chain of dependent operations, so
 * inter-op threads only compete for the same cores. OpenMP's idle workers spin briefly before they sleep;
 * that is fastest on a machine of one's own, while on a machine crowded with other jobs
 * {@code OMP_WAIT_POLICY=PASSIVE} (an environment variable, read when libtorch loads) avoids taking cores that
 * others need.
 *
 * <h2>Autograd</h2>
 * PyTorch's grad mode is per thread. DJL switches it on inside a {@code GradientCollector} and off
 * outside; {@link #withGradMode} sets it for one call and restores the previous state, so a pass can
 * build no graph even inside an open collector.
 *
 * <h2>Memory that backward reads</h2>
 * An array DJL creates from Java data ({@code manager.create(float[])}, and the temporary scalar behind
 * {@code x.mul(2.0)}, {@code x.div(s)} or {@code x.maximum(eps)}) is a view of a Java direct buffer, not
 * memory PyTorch owns. Autograd keeps the tensors a backward pass needs, but for such a view it keeps only the
 * pointer: once the DJL array is closed (the temporary scalar at once, a scope's arrays when the scope ends)
 * and the garbage collector frees the buffer, backward reads whatever lies there, and gradients come out
 * NaN or wrong. Anything a graph may save must therefore be PyTorch's own:
 * {@link dev.contrastive4j.spi.GraphScalars} for scalar operands (the one home for them, plugins use it too),
 * {@link #owned} for arrays made from Java data.
 */
public final class PyTorchRuntime {

    /** System property DJL reads for PyTorch's intra-op thread count. */
    public static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";

    /** System property DJL reads for PyTorch's inter-op thread count. */
    public static final String INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private static final String ENGINE = "PyTorch";

    /** {@code torch.nn.functional.normalize}'s floor for the norm. */
    private static final double L2_NORM_FLOOR = 1e-12;

    private PyTorchRuntime() {}

    /**
     * Sets the engine's thread counts, offline mode and tracking opt-out, each only where the user has not
     * set it. Takes effect only before the engine starts (the first NDManager created in the process).
     */
    public static void configureDefaults() {
        setIfAbsent(INTRA_OP_THREADS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        setIfAbsent(INTER_OP_THREADS, "1");
        // Nothing may be downloaded at run time: libtorch comes from the Maven jar.
        setIfAbsent("ai.djl.offline", "true");
        // DJL's engine and tokenizer start-up send a usage ping unless this is set.
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    /** The PyTorch engine, started offline with the defaults above. */
    public static Engine engine() {
        configureDefaults();
        Engine engine = Engine.getEngine(ENGINE);
        // engine() runs on every grad-mode switch and manager: lock only until the level is applied.
        if (!logLevelApplied) {
            applyLogLevelOnce();
        }
        return engine;
    }

    private static volatile boolean logLevelApplied;

    /**
     * Makes libtorch honour {@code TORCH_CPP_LOG_LEVEL}: c10 reads it only in {@code c10::initLogging()}, which a
     * libtorch loaded by DJL never calls, so its deprecation warnings (e.g. LegacyTypeDispatch.h:74 on the first
     * inference) printed even under {@code TORCH_CPP_LOG_LEVEL=ERROR}, which the launchers set.
     */
    private static synchronized void applyLogLevelOnce() {
        if (logLevelApplied) {
            return;
        }
        logLevelApplied = true;
        LoadedLibraries.find("libc10.so").ifPresent(c10 -> {
            try {
                NativeLibrary.getInstance(c10.toString()).getFunction("_ZN3c1011initLoggingEv").invokeVoid(new Object[0]);
            } catch (UnsatisfiedLinkError e) {
                // Another libtorch build without the symbol: its warnings print as before.
            }
        });
    }

    /**
     * Gives each parameter that needs a gradient and has none yet a dense gradient of zeros, by one backward pass
     * of {@code Σ 0·θ}. Embedding lookups with sparse gradients (the word table, see the encoder) then add their
     * rows into it in place; without it, the first sparse gradient would become the parameter's gradient, which
     * the optimizer and clipping read as a dense array.
     */
    public static void ensureDenseGradients(Collection<NDArray> parameters) {
        List<NDArray> missing = parameters.stream().filter(PyTorchRuntime::lacksGradient).toList();
        if (missing.isEmpty()) {
            return;
        }
        try (NDScope ignored = new NDScope(); GradientCollector collector = engine().newGradientCollector()) {
            // A PyTorch-owned 0: backward reads the factor (see GraphScalars).
            NDArray zero = GraphScalars.of(missing.get(0), 0);
            collector.backward(missing.stream().map(p -> p.mul(zero).sum()).reduce(NDArray::add).orElseThrow());
        }
    }

    private static boolean lacksGradient(NDArray parameter) {
        if (!parameter.hasGradient()) {
            return false; // needs none
        }
        try (PtNDArray gradient = JniUtils.getGradient((PtNDArray) parameter)) {
            return gradient == null;
        }
    }

    /**
     * Whether a sparse gradient for {@code parameter} would be added into a dense gradient it already has (see
     * {@link #ensureDenseGradients}), rather than become its gradient.
     */
    public static boolean hasDenseGradient(NDArray parameter) {
        if (!(parameter instanceof PtNDArray array) || !parameter.hasGradient()) {
            return false;
        }
        try (PtNDArray gradient = JniUtils.getGradient(array)) {
            return gradient != null && gradient.getSparseFormat() == SparseFormat.DENSE;
        }
    }

    /**
     * Sets a parameter's accumulated gradient to zero, also when it holds NaN. DJL never clears gradients
     * between collectors, and its {@code zeroGradients()} walks the system manager rather than the model.
     */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    /** A new root manager on the PyTorch engine, after applying {@link #configureDefaults()}. */
    public static NDManager newManager() {
        engine();
        return NDManager.newBaseManager(ENGINE);
    }

    /**
     * A new root manager whose arrays live on {@code device} (its sub-managers inherit it), after applying
     * {@link #configureDefaults()}.
     */
    public static NDManager newManager(Device device) {
        engine();
        return NDManager.newBaseManager(device, ENGINE);
    }

    /**
     * Runs {@code body} with PyTorch's grad mode set to {@code enabled} on this thread, then restores the
     * previous mode (also when {@code body} throws).
     */
    public static <T> T withGradMode(boolean enabled, Supplier<T> body) {
        ensureStarted();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** Whether operations on this thread currently record an autograd graph. */
    public static boolean isGradMode() {
        ensureStarted();
        return JniUtils.isGradMode();
    }

    /**
     * The intra-op thread count the running engine actually uses (starting it if needed). It differs from
     * {@value #INTRA_OP_THREADS} when the property was set after the engine had started.
     */
    public static int intraOpThreads() {
        ensureStarted();
        return JniUtils.getNumThreads();
    }

    /**
     * Seeds PyTorch's default generator and the stream of {@link DropoutMasks}: the dropout masks come from the
     * latter on the CPU, from the former on other devices.
     */
    public static void seedRandom(long seed) {
        ensureStarted();
        JniUtils.setSeed(seed);
        DropoutMasks.seed(seed);
    }

    /**
     * {@code vector} divided in place by its L2 norm, floored at 1e-12 as PyTorch's {@code F.normalize}: the
     * same normalisation as {@link #l2NormalizeRows}, for embeddings already out of the graph.
     */
    public static void scaleToUnitLength(float[] vector) {
        double squares = 0;
        for (float value : vector) {
            squares += (double) value * value;
        }
        double norm = Math.max(Math.sqrt(squares), L2_NORM_FLOOR);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
    }

    /**
     * Each row of {@code rows} {@code (N, D)} divided by its L2 norm, floored at 1e-12 as PyTorch's
     * {@code F.normalize} does; safe in a recorded graph (the floor is PyTorch-owned).
     */
    public static NDArray l2NormalizeRows(NDArray rows) {
        NDArray norms = rows.norm(new int[] {1}, true);
        return rows.div(norms.maximum(GraphScalars.of(norms, L2_NORM_FLOOR)));
    }

    /** A copy of {@code array} in memory PyTorch owns (see the class notes); closes the original. */
    public static NDArray owned(NDArray array) {
        try (array) {
            return array.duplicate();
        }
    }

    /** Starts the engine (loading libtorch) if nothing has yet; the JNI calls above need it. */
    private static void ensureStarted() {
        engine();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
