package dev.contrastive4j.losses.angle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.converters.ConvertersPlugin;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.train.LossCombination;
import dev.contrastive4j.train.LossPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code 0.7*angle + 0.3*triplet} on triplet data, through the trainer's own {@link LossCombination}. */
class AngleWithTripletCombinationTest {

    private static final PluginRegistry REGISTRY =
            PluginRegistry.of(List.of(new AnglePlugin(), new ConvertersPlugin(), new TripletHingePlugin()));

    private static final List<Triplet> ROWS = triplets(6);

    private static List<Triplet> triplets(int count) {
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Triplet("question " + i, "answer " + i, "unrelated text " + i));
        }
        return rows;
    }

    @Test
    void eachTextIsEmbeddedOncePerStep() {
        try (TinyModel model = new TinyModel(5)) {
            step(model, "0.7*angle + 0.3*triplet");

            // Three passes (anchor, positive, negative column), shared by both losses; no text twice.
            assertThat(model.passesWithGradient).hasSize(3);
            List<String> embedded = model.passesWithGradient.stream().flatMap(List::stream).toList();
            assertThat(embedded).hasSize(18).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ROWS.stream().flatMap(t -> t.texts().stream()).toList());
            assertThat(model.detachedPasses).isZero();
        }
    }

    @Test
    void theCombinedGradientIsTheWeightedSumOfTheTwoLossesGradients() {
        Map<String, float[]> angle = gradientsOf("angle");
        Map<String, float[]> triplet = gradientsOf("triplet");
        Map<String, float[]> combined = gradientsOf("0.7*angle + 0.3*triplet");

        assertThat(combined.keySet()).containsExactly("dense1.weight", "dense1.bias", "dense2.weight", "dense2.bias");
        combined.forEach((name, gradient) -> {
            double largest = 0;
            double deviation = 0;
            for (int i = 0; i < gradient.length; i++) {
                double expected = 0.7 * angle.get(name)[i] + 0.3 * triplet.get(name)[i];
                largest = Math.max(largest, Math.abs(expected));
                deviation = Math.max(deviation, Math.abs(gradient[i] - expected));
            }
            assertThat(largest).as("%s: the losses must actually move the parameter", name).isGreaterThan(1e-3);
            assertThat(deviation / largest).as("%s: relative deviation", name).isLessThan(1e-6);
        });
    }

    @Test
    void theStepReportsEachLossAndTheirWeightedTotal() {
        try (TinyModel model = new TinyModel(5)) {
            LossCombination.StepLosses losses = step(model, "0.7*angle + 0.3*triplet");

            // The model has no dropout, so its inference embeddings are the ones the step trained on.
            List<float[][]> columns = List.of(
                    model.encode(ROWS.stream().map(Triplet::anchor).toList()),
                    model.encode(ROWS.stream().map(Triplet::positive).toList()),
                    model.encode(ROWS.stream().map(t -> t.negatives().get(0)).toList()));
            Reference.Pairs pairs = Reference.fromTriplets(toDouble(columns));
            double angle = Reference.angleLoss(pairs.u(), pairs.v(), pairs.scores(), 20);

            // Values are unweighted and keyed by each term's canonical text.
            assertThat(losses.byLoss()).containsOnlyKeys("0.7*angle", "0.3*triplet");
            assertThat(LossProbe.relativeError(losses.byLoss().get("0.7*angle"), angle)).isLessThan(1e-5);
            assertThat(losses.total()).isCloseTo(
                    0.7 * losses.byLoss().get("0.7*angle") + 0.3 * losses.byLoss().get("0.3*triplet"), within(1e-12));
        }
    }

    private static Map<String, float[]> gradientsOf(String expression) {
        try (TinyModel model = new TinyModel(5)) {
            step(model, expression);
            return model.gradients();
        }
    }

    private static LossCombination.StepLosses step(TinyModel model, String expression) {
        LossPlan plan = LossPlan.create(LossSpec.parse(expression, REGISTRY), DataFormat.TRIPLET, REGISTRY);
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager(); GradientCollector collector = engine.newGradientCollector()) {
            return new LossCombination(plan).forwardBackward(ROWS, new StepContext(model, manager, 42, collector));
        }
    }

    private static double[][][] toDouble(List<float[][]> columns) {
        double[][][] result = new double[columns.size()][][];
        for (int c = 0; c < columns.size(); c++) {
            result[c] = new double[columns.get(c).length][];
            for (int r = 0; r < columns.get(c).length; r++) {
                float[] row = columns.get(c)[r];
                result[c][r] = new double[row.length];
                for (int k = 0; k < row.length; k++) {
                    result[c][r][k] = row[k];
                }
            }
        }
        return result;
    }
}
