package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.FusedAdamW;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.engine.SystemPropertyOverride;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdamWTest {

    /** torch.optim.AdamW written out in doubles, one parameter, for comparison. */
    private static final class ReferenceAdamW {
        final double[] theta;
        final double[] m;
        final double[] v;
        final boolean decays;
        int t;

        ReferenceAdamW(double[] theta, boolean decays) {
            this.theta = theta.clone();
            this.m = new double[theta.length];
            this.v = new double[theta.length];
            this.decays = decays;
        }

        void step(double[] g, double lr, double wd) {
            t++;
            for (int i = 0; i < theta.length; i++) {
                if (decays) {
                    theta[i] *= 1 - lr * wd;
                }
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                // torch: denom = sqrt(v)/sqrt(1-β2^t) + ε, step = lr/(1-β1^t) · m / denom
                theta[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
    }

    /** Both ways of updating: libtorch's fused kernel (the default on the CPU) and step by step. */
    @ParameterizedTest(name = "fused: {0}")
    @ValueSource(booleans = {true, false})
    void updatesMatchTorchAdamWWithDecayOnlyWhereAllowed(boolean fused) {
        // Any value but "unfused" leaves the fused update on.
        try (SystemPropertyOverride way = SystemPropertyOverride.set(FusedAdamW.PROPERTY,
                fused ? "fused" : FusedAdamW.UNFUSED)) {
            assertThat(FusedAdamW.available()).isEqualTo(fused);
            threeUpdatesMatchTheReference();
        }
    }

    private static void threeUpdatesMatchTheReference() {
        Engine engine = PyTorchRuntime.engine();
        double[] weightStart = {0.5, -1.25, 2.0};
        double[] biasStart = {0.1, -0.3};
        double[][] weightGradients = {{0.2, -0.1, 0.05}, {-0.4, 0.3, 0.0}, {1.0, 1.0, -2.0}};
        double[][] biasGradients = {{0.01, -0.02}, {0.5, 0.5}, {-1.0, 3.0}};
        double[] learningRates = {1e-2, 5e-3, 2e-2};
        double weightDecay = 0.1;

        ReferenceAdamW weightReference = new ReferenceAdamW(weightStart, true);
        ReferenceAdamW biasReference = new ReferenceAdamW(biasStart, false);
        try (NDManager manager = engine.newBaseManager()) {
            NDArray weight = manager.create(weightStart);
            NDArray bias = manager.create(biasStart);
            weight.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            Map<String, NDArray> parameters = new LinkedHashMap<>();
            parameters.put("encoder.layer.0.output.dense.weight", weight);
            parameters.put("encoder.layer.0.output.dense.bias", bias);
            try (AdamW adamW = new AdamW(parameters, AdamW.DEFAULT_NO_DECAY,
                    AdamW.Settings.defaults(weightDecay), manager)) {
                for (int step = 0; step < 3; step++) {
                    // loss = Σ w·gw + Σ b·gb has exactly the gradients gw and gb.
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray loss = weight.mul(manager.create(weightGradients[step])).sum()
                                .add(bias.mul(manager.create(biasGradients[step])).sum());
                        collector.backward(loss);
                    }
                    adamW.step(learningRates[step]);
                    adamW.zeroGradients();
                    weightReference.step(weightGradients[step], learningRates[step], weightDecay);
                    biasReference.step(biasGradients[step], learningRates[step], weightDecay);
                }
                assertThat(adamW.stepCount()).isEqualTo(3);
            }
            double[] weightAfter = weight.toDoubleArray();
            double[] biasAfter = bias.toDoubleArray();
            for (int i = 0; i < weightAfter.length; i++) {
                assertThat(weightAfter[i]).isCloseTo(weightReference.theta[i], within(1e-12));
            }
            for (int i = 0; i < biasAfter.length; i++) {
                assertThat(biasAfter[i]).isCloseTo(biasReference.theta[i], within(1e-12));
            }
        }
    }

    @Test
    void firstStepMovesEachCoordinateByAboutTheLearningRate() {
        // With m̂ = g and v̂ = g² after one step, the update is lr · g/|g| (ε aside): a hand check of the formula.
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            NDArray bias = manager.create(new double[] {1.0, 1.0});
            bias.setRequiresGradient(true);
            try (AdamW adamW = new AdamW(Map.of("x.bias", bias), AdamW.DEFAULT_NO_DECAY,
                    AdamW.Settings.defaults(0.5), manager)) {
                try (GradientCollector collector = engine.newGradientCollector()) {
                    collector.backward(bias.mul(manager.create(new double[] {3.0, -0.001})).sum());
                }
                adamW.step(0.1);
            }
            assertThat(bias.toDoubleArray()).containsExactly(new double[] {0.9, 1.1}, within(1e-5));
        }
    }

    @Test
    void biasesAndLayerNormsAreExemptFromDecay() {
        assertThat(AdamW.DEFAULT_NO_DECAY).accepts("encoder.layer.0.attention.self.query.bias",
                "embeddings.LayerNorm.weight", "encoder.layer.5.output.LayerNorm.weight");
        assertThat(AdamW.DEFAULT_NO_DECAY).rejects("encoder.layer.0.attention.self.query.weight",
                "embeddings.word_embeddings.weight");
    }
}
