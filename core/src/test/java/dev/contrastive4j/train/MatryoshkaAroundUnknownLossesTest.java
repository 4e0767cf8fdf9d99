package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.google.inject.AbstractModule;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.GraphScalars;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;
import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Matryoshka around losses the core has never heard of, on the tiny BERT (dropout off): one plugin computes
 * {@code L = mean_i (a_i·n_i − a_i·p_i + 1)²} from the embeddings the trainer hands it, the other computes the same
 * function but embeds the texts itself. Both routes (shared embeddings, one backward; the deferred passes replayed
 * with the summed gradient) must give the same value and parameter gradients, and the self-embedding loss must
 * reach the encoder once per column, not once per column and dimension.
 */
class MatryoshkaAroundUnknownLossesTest {

    private static final String DIMS = "dims=[32, 8, 3], weights=[1, 2, 0.5]";

    @Test
    void theEmbeddingAndTheEncoderRouteGiveTheSameLossAndGradients() {
        Result shared = run("matryoshka(square-gap, " + DIMS + ")");
        Result self = run("matryoshka(square-gap-self, " + DIMS + ")");

        assertThat(Math.abs(self.value() - shared.value()) / shared.value()).isLessThan(1e-6);
        for (String name : shared.gradients().keySet()) {
            double[] expected = shared.gradients().get(name);
            double[] actual = self.gradients().get(name);
            double largest = 0;
            double deviation = 0;
            for (int i = 0; i < expected.length; i++) {
                largest = Math.max(largest, Math.abs(expected[i]));
                deviation = Math.max(deviation, Math.abs(actual[i] - expected[i]));
            }
            assertThat(deviation).as(name).isLessThanOrEqualTo(1e-5 * Math.max(largest, 1e-3));
        }
        // Three columns, three dimensions: three passes with a graph, not nine.
        assertThat(self.passesWithGradient()).isEqualTo(3);
        assertThat(shared.passesWithGradient()).isEqualTo(3);
    }

    @Test
    void theWeightOfTheWrapperScalesItsGradientsNotItsValue() {
        Result once = run("matryoshka(square-gap-self, " + DIMS + ")", 1.0);
        Result twice = run("matryoshka(square-gap-self, " + DIMS + ")", 2.0);

        assertThat(twice.value()).isEqualTo(once.value());
        String name = once.gradients().keySet().iterator().next();
        assertThat(twice.gradients().get(name)[0]).isCloseTo(2 * once.gradients().get(name)[0],
                org.assertj.core.api.Assertions.within(1e-6 * Math.abs(once.gradients().get(name)[0]) + 1e-12));
    }

    private record Result(double value, Map<String, double[]> gradients, int passesWithGradient) {
    }

    private static Result run(String expression) {
        return run(expression, 0.8);
    }

    private static Result run(String expression, double weight) {
        PluginRegistry registry = PluginRegistry.of(List.of(new UnknownLossesPlugin()));
        LossPlan plan = LossPlan.create(LossSpec.parse(expression, registry), DataFormat.TRIPLET, registry);
        EncoderLoss loss = (EncoderLoss) plan.losses().get(0).loss();
        Engine engine = PyTorchRuntime.engine();
        try (SentenceEncoder model = TinyBert.create(3, 0.0); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            CountingEmbedder counting = new CountingEmbedder(model);
            double value = loss.forwardBackward(batch(), new StepLossContext(counting, manager, 11, collector), weight);
            Map<String, double[]> gradients = new LinkedHashMap<>();
            model.trainableParameters().forEach((name, parameter) -> {
                try (NDArray g = parameter.getArray().getGradient()) {
                    float[] values = g.toFloatArray();
                    double[] copy = new double[values.length];
                    for (int i = 0; i < values.length; i++) {
                        copy[i] = values[i];
                    }
                    gradients.put(name, copy);
                }
            });
            return new Result(value, gradients, counting.withGradient);
        }
    }

    private static Batch batch() {
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(new Triplet(words[i] + " " + words[i + 1], words[i + 2] + " " + words[i + 5] + " sat",
                    words[(i + 3) % 10] + " ran " + words[(i + 7) % 10]));
        }
        return Batch.of(rows);
    }

    /** {@code (a·n − a·p + 1)²}, averaged over rows. */
    private static NDArray squareGap(NDArray a, NDArray p, NDArray n) {
        return a.mul(n).sum(new int[] {1}).sub(a.mul(p).sum(new int[] {1})).add(1).square().mean();
    }

    /** A plugin the core knows nothing about: one embedding-level and one encoder-level loss. */
    private static final class UnknownLossesPlugin extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            PluginBindings.losses(binder()).addBinding("square-gap").toInstance(factory("square-gap",
                    (EmbeddingLoss) batch -> squareGap(batch.column(0), batch.column(1), batch.column(2))));
            PluginBindings.losses(binder()).addBinding("square-gap-self").toInstance(factory("square-gap-self",
                    (EncoderLoss) (batch, context, weight) -> {
                        List<NDArray> columns = new ArrayList<>();
                        for (int c = 0; c < 3; c++) {
                            columns.add(context.encoder().embedWithGradient(batch.column(c), context.manager(),
                                    context.stepSeed() + c));
                        }
                        NDArray loss = squareGap(columns.get(0), columns.get(1), columns.get(2));
                        context.backward(loss.mul(GraphScalars.of(loss.getManager(), weight,
                                loss.getDataType())));
                        return loss.getFloat();
                    }));
        }

        private static LossFactory factory(String name, Loss loss) {
            return new LossFactory() {
                @Override
                public LossDescriptor descriptor() {
                    return LossDescriptor.builder(name)
                            .summary("test")
                            .formats(DataFormat.TRIPLET)
                            .build();
                }

                @Override
                public Loss create(ParameterValues parameters) {
                    return loss;
                }
            };
        }
    }

    private static final class CountingEmbedder implements Embedder {
        private final Embedder delegate;
        private int withGradient;

        CountingEmbedder(Embedder delegate) {
            this.delegate = delegate;
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public NDArray embedDetached(List<String> texts, NDManager manager, long dropoutSeed) {
            return delegate.embedDetached(texts, manager, dropoutSeed);
        }

        @Override
        public NDArray embedWithGradient(List<String> texts, NDManager manager, long dropoutSeed) {
            withGradient++;
            return delegate.embedWithGradient(texts, manager, dropoutSeed);
        }
    }
}
