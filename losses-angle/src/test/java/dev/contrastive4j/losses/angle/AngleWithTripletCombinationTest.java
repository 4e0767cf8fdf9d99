package dev.contrastive4j.losses.angle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.converters.ConvertersPlugin;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.losses.ranking.RankingLossesPlugin;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.testkit.RecordingEmbedder;
import dev.contrastive4j.testkit.TestLossContext;
import dev.contrastive4j.testkit.TinyEncoders;
import dev.contrastive4j.train.EncoderTrainingModel;
import dev.contrastive4j.train.LossCombination;
import dev.contrastive4j.train.LossPlan;
import dev.contrastive4j.train.TrainableModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code 0.7*angle + 0.3*triplet} on triplet data with the tiny random BERT, through the trainer's own
 * {@link LossCombination}: angle reaches the data through the {@code triplet-to-scored-pairs} converter, triplet
 * (losses-ranking's TripletLoss) takes it directly, and both share one embedding of each column.
 */
class AngleWithTripletCombinationTest {

    private static final PluginRegistry REGISTRY =
            PluginRegistry.of(List.of(new AnglePlugin(), new ConvertersPlugin(), new RankingLossesPlugin()));

    private static final List<Triplet> ROWS = List.of(
            new Triplet("the cat sat on the mat", "a cat is sitting", "the stock market fell"),
            new Triplet("how do i cook rice", "boil rice in water", "rice is a grain"),
            new Triplet("the weather is cold", "it is freezing outside", "the sun is hot"),
            new Triplet("a man plays guitar", "someone plays music", "a dog runs in a park"),
            new Triplet("where is the train station", "the station is near", "trains are long"),
            new Triplet("she reads a book", "a woman is reading", "he writes a letter"));

    @Test
    void eachTextIsEmbeddedOncePerStep() {
        try (SentenceEncoder encoder = TinyEncoders.bert(5)) {
            RecordingEmbedder recording = new RecordingEmbedder(encoder);

            step(recording, "0.7*angle + 0.3*triplet");

            // Three passes (anchor, positive, negative column), shared by both losses; no text twice.
            assertThat(recording.calls(true)).hasSize(3);
            List<String> embedded = recording.calls(true).stream().flatMap(call -> call.texts().stream()).toList();
            assertThat(embedded).hasSize(18).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ROWS.stream().flatMap(t -> t.texts().stream()).toList());
            assertThat(recording.calls(false)).isEmpty();
        }
    }

    @Test
    void theCombinedGradientIsTheWeightedSumOfTheTwoLossesGradients() {
        // Same seed, so same weights and, column by column, the same dropout masks in all three runs.
        Map<String, float[]> angle = gradientsOf("angle");
        Map<String, float[]> triplet = gradientsOf("triplet");
        Map<String, float[]> combined = gradientsOf("0.7*angle + 0.3*triplet");

        assertThat(combined).isNotEmpty();
        double largest = 0;
        double deviation = 0;
        for (Map.Entry<String, float[]> entry : combined.entrySet()) {
            float[] gradient = entry.getValue();
            for (int i = 0; i < gradient.length; i++) {
                double expected = 0.7 * angle.get(entry.getKey())[i] + 0.3 * triplet.get(entry.getKey())[i];
                largest = Math.max(largest, Math.abs(expected));
                deviation = Math.max(deviation, Math.abs(gradient[i] - expected));
            }
        }
        assertThat(largest).as("the losses must actually move the parameters").isGreaterThan(1e-3);
        // float32 throughout: about 1e-7 of rounding per operation.
        assertThat(deviation / largest).as("largest deviation relative to the largest gradient entry")
                .isLessThan(1e-5);
    }

    @Test
    void theStepReportsEachLossAndTheirWeightedTotal() {
        // Without dropout, the inference embeddings are the ones the step trained on.
        try (SentenceEncoder encoder = TinyEncoders.bert(5, 0.0)) {
            LossCombination.StepLosses losses = step(encoder, "0.7*angle + 0.3*triplet");

            double[][][] columns = {
                    toDouble(encoder.encode(ROWS.stream().map(Triplet::anchor).toList(), 8)),
                    toDouble(encoder.encode(ROWS.stream().map(Triplet::positive).toList(), 8)),
                    toDouble(encoder.encode(ROWS.stream().map(t -> t.negatives().get(0)).toList(), 8))};
            Reference.Pairs pairs = Reference.fromTriplets(columns);
            double angle = Reference.angleLoss(pairs.u(), pairs.v(), pairs.scores(), 20);

            // Values are unweighted and keyed by each term's canonical text.
            assertThat(losses.byLoss()).containsOnlyKeys("angle", "triplet");
            assertThat(LossProbe.relativeError(losses.byLoss().get("angle"), angle)).isLessThan(1e-5);
            assertThat(losses.total()).isCloseTo(
                    0.7 * losses.byLoss().get("angle") + 0.3 * losses.byLoss().get("triplet"), within(1e-12));
        }
    }

    private static Map<String, float[]> gradientsOf(String expression) {
        try (SentenceEncoder encoder = TinyEncoders.bert(5)) {
            step(encoder, expression);
            TrainableModel model = new EncoderTrainingModel(encoder, 8);
            Map<String, float[]> gradients = new LinkedHashMap<>();
            model.trainableParameters().forEach((name, parameter) -> {
                try (NDArray gradient = parameter.getGradient()) {
                    gradients.put(name, gradient.toFloatArray());
                }
            });
            return gradients;
        }
    }

    private static LossCombination.StepLosses step(Embedder encoder, String expression) {
        LossPlan plan = LossPlan.create(LossSpec.parse(expression, REGISTRY), DataFormat.TRIPLET, REGISTRY);
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager(); GradientCollector collector = engine.newGradientCollector()) {
            return new LossCombination(plan).forwardBackward(ROWS, new TestLossContext(encoder, manager, 42, collector));
        }
    }

    private static double[][] toDouble(float[][] rows) {
        double[][] result = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            result[r] = new double[rows[r].length];
            for (int k = 0; k < rows[r].length; k++) {
                result[r][k] = rows[r][k];
            }
        }
        return result;
    }
}
