package dev.contrastive4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * The few autograd switches DJL's engine-neutral API does not expose, for the PyTorch engine.
 *
 * <p>Why they are needed: a {@code GradientCollector} turns PyTorch's grad mode on for as long as it is open,
 * and only one may be open at a time, so a forward pass that must not build a graph inside a training step
 * (gradient caching, a frozen guide model) has to switch grad mode off itself. DJL also never clears
 * gradients between collectors, and its {@code zeroGradients()} walks the system manager rather than the
 * model, so the trainer clears each parameter's gradient explicitly.
 */
public final class Autograd {

    private Autograd() {
    }

    /** Runs {@code pass} with PyTorch's grad mode off, restoring the previous mode afterwards. */
    public static <T> T withoutGraph(Supplier<T> pass) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return pass.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** Whether operations run now record a graph. */
    public static boolean isRecording() {
        return JniUtils.isGradMode();
    }

    /** Sets a parameter's accumulated gradient to zero (also when it holds NaN). */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    /** Seeds PyTorch's random generator, which drives dropout masks. */
    public static void seed(long seed) {
        JniUtils.setSeed(seed);
    }
}
