package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.contrastive4j.engine.FusedAdamW;
import dev.contrastive4j.engine.PyTorchRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019), as {@code torch.optim.AdamW} computes it:
 * <pre>
 *   θ ← θ · (1 − lr · λ)                       (only for parameters that decay)
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * Unlike DJL's own AdamW, weight decay is applied per parameter by name: the usual recipe exempts biases
 * and LayerNorm weights ({@link #DEFAULT_NO_DECAY}).
 *
 * <p>State (m, v, t) is kept in arrays owned by this optimizer and can be exported and restored for
 * checkpoints.
 */
public final class AdamW implements AutoCloseable {

    /** Biases and LayerNorm parameters, by Hugging Face naming, do not decay. */
    public static final Predicate<String> DEFAULT_NO_DECAY =
            name -> name.endsWith("bias") || name.contains("LayerNorm") || name.contains("layer_norm");

    /**
     * The optimizer's constants.
     *
     * @param beta1 decay of the first moment (0.9)
     * @param beta2 decay of the second moment (0.999)
     * @param epsilon added to the denominator (1e-8)
     * @param weightDecay λ, the decoupled decay rate (0.01)
     */
    public record Settings(double beta1, double beta2, double epsilon, double weightDecay) {
        public static Settings defaults(double weightDecay) {
            return new Settings(0.9, 0.999, 1e-8, weightDecay);
        }
    }

    private final Map<String, NDArray> parameters;
    private final Predicate<String> noDecay;
    private final Settings settings;
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    /** Names of the parameters that decay, and of those exempt: the two groups of a fused update. */
    private final List<String> decaying;
    private final List<String> exempt;
    private long step;

    /**
     * @param parameters the trainable arrays by name (leaves that carry gradients)
     * @param noDecay which names are exempt from weight decay
     * @param settings the constants
     * @param manager the manager whose lifetime bounds the optimizer state
     */
    public AdamW(Map<String, NDArray> parameters, Predicate<String> noDecay, Settings settings, NDManager manager) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.noDecay = Objects.requireNonNull(noDecay);
        this.settings = Objects.requireNonNull(settings);
        this.stateManager = manager.newSubManager();
        this.decaying = this.parameters.keySet().stream().filter(name -> !noDecay.test(name)).toList();
        this.exempt = this.parameters.keySet().stream().filter(noDecay).toList();
        // Sparse gradients (the word table's) are then added into a dense gradient, which the update reads.
        PyTorchRuntime.ensureDenseGradients(this.parameters.values());
        for (Map.Entry<String, NDArray> entry : this.parameters.entrySet()) {
            NDArray p = entry.getValue();
            firstMoments.put(entry.getKey(), stateManager.zeros(p.getShape(), p.getDataType()));
            secondMoments.put(entry.getKey(), stateManager.zeros(p.getShape(), p.getDataType()));
        }
    }

    /**
     * Applies one update with learning rate {@code lr} from the parameters' current gradients: on the CPU with
     * libtorch's fused kernel ({@link FusedAdamW}), elsewhere (or where that kernel is missing or turned off) step
     * by step with the same formula.
     */
    public void step(double lr) {
        step++;
        try (NDScope ignored = new NDScope()) { // frees the gradient handles
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            parameters.forEach((name, theta) -> gradients.put(name, theta.getGradient()));
            if (!FusedAdamW.update(List.of(group(decaying, gradients, settings.weightDecay()),
                    group(exempt, gradients, 0)), step, lr, settings.beta1(), settings.beta2(), settings.epsilon())) {
                gradients.forEach((name, g) -> stepByStep(name, g, lr));
            }
        }
    }

    private FusedAdamW.Group group(List<String> names, Map<String, NDArray> gradients, double weightDecay) {
        return new FusedAdamW.Group(select(parameters, names), select(gradients, names), select(firstMoments, names),
                select(secondMoments, names), weightDecay);
    }

    private static List<NDArray> select(Map<String, NDArray> arrays, List<String> names) {
        return names.stream().map(arrays::get).toList();
    }

    private void stepByStep(String name, NDArray g, double lr) {
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double stepSize = lr / (1 - Math.pow(b1, step));
        double secondCorrection = Math.sqrt(1 - Math.pow(b2, step));
        NDArray theta = parameters.get(name);
        NDArray m = firstMoments.get(name);
        NDArray v = secondMoments.get(name);
        try (NDScope ignored = new NDScope()) { // frees this parameter's temporaries before the next one's
            if (!noDecay.test(name) && settings.weightDecay() != 0) {
                theta.muli(1 - lr * settings.weightDecay());
            }
            m.muli(b1).addi(g.mul(1 - b1));
            v.muli(b2).addi(g.square().muli(1 - b2));
            NDArray denominator = v.sqrt().divi(secondCorrection).addi(settings.epsilon());
            theta.subi(m.div(denominator).muli(stepSize));
        }
    }

    /** Clears every parameter's gradient, ready for the next step's backward passes. */
    public void zeroGradients() {
        parameters.values().forEach(PyTorchRuntime::zeroGradient);
    }

    /** Number of updates applied so far (t). */
    public long stepCount() {
        return step;
    }

    /** The state to checkpoint: {@code m.<name>} and {@code v.<name>} arrays (copies are up to the caller). */
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        firstMoments.forEach((name, m) -> state.put("m." + name, m));
        secondMoments.forEach((name, v) -> state.put("v." + name, v));
        return state;
    }

    /** Restores state written by {@link #state()} together with the update count. */
    public void restore(Map<String, float[]> state, long stepCount) {
        for (String name : parameters.keySet()) {
            copyInto(firstMoments.get(name), state.get("m." + name), "m." + name);
            copyInto(secondMoments.get(name), state.get("v." + name), "v." + name);
        }
        this.step = stepCount;
    }

    private static void copyInto(NDArray target, float[] values, String name) {
        if (values == null || values.length != target.size()) {
            throw new IllegalArgumentException("optimizer state '" + name + "' is missing or has the wrong size");
        }
        target.set(values);
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
