package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.losses.ranking.RankingLossesPlugin;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.testkit.TestLossContext;
import dev.contrastive4j.testkit.TinyEncoders;
import dev.contrastive4j.train.LossCombination;
import dev.contrastive4j.train.LossPlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 0.5*gist + 0.5*triplet} through the trainer's own {@link LossCombination}, dropout on. gist embeds the
 * student itself with the seeds the trainer uses for the shared embedding, so both losses see the same student
 * embeddings and the step's gradient is exactly the weighted sum of the two losses' gradients.
 */
class GistWithTripletCombinationTest {

    @TempDir
    static Path dir;
    private static PluginRegistry registry;
    private static String gist;

    @BeforeAll
    static void setUp() {
        registry = PluginRegistry.of(List.of(new GistPlugin(), new RankingLossesPlugin()));
        gist = "gist(guide=" + TinyEncoders.saveBert(dir.resolve("guide"), 11) + ")";
    }

    @Test
    void theCombinedGradientIsTheWeightedSumOfBothLossesGradients() {
        Result alone = step(gist);
        Result triplet = step("triplet");
        Result combined = step("0.5*" + gist + " + 0.5*triplet");

        double largest = 0;
        double deviation = 0;
        for (Map.Entry<String, float[]> entry : combined.gradients().entrySet()) {
            float[] gradient = entry.getValue();
            for (int i = 0; i < gradient.length; i++) {
                double expected = 0.5 * alone.gradients().get(entry.getKey())[i]
                        + 0.5 * triplet.gradients().get(entry.getKey())[i];
                largest = Math.max(largest, Math.abs(expected));
                deviation = Math.max(deviation, Math.abs(gradient[i] - expected));
            }
        }
        assertThat(largest).as("the losses must move the parameters").isGreaterThan(1e-3);
        assertThat(deviation / largest).isLessThan(1e-5);

        // Values are unweighted and keyed by each term's canonical text; the total weighs them.
        assertThat(combined.losses().byLoss()).hasSize(2).containsKey("triplet");
        double gistValue = combined.losses().byLoss().entrySet().stream()
                .filter(e -> e.getKey().startsWith("gist(")).findFirst().orElseThrow().getValue();
        assertThat(gistValue).isCloseTo(alone.losses().total(), within(1e-9));
        assertThat(combined.losses().total()).isCloseTo(
                0.5 * gistValue + 0.5 * combined.losses().byLoss().get("triplet"), within(1e-12));
    }

    private record Result(LossCombination.StepLosses losses, Map<String, float[]> gradients) {
    }

    private static Result step(String expression) {
        LossPlan plan = LossPlan.create(LossSpec.parse(expression, registry), DataFormat.TRIPLET, registry);
        Engine engine = PyTorchRuntime.engine();
        try (SentenceEncoder student = TinyEncoders.bert(5); NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            LossCombination.StepLosses losses = new LossCombination(plan)
                    .forwardBackward(TinyModels.ROWS, new TestLossContext(student, manager, 42, collector));
            Map<String, float[]> gradients = new LinkedHashMap<>();
            student.trainableParameters().forEach((name, parameter) -> {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradients.put(name, gradient.toFloatArray());
                }
            });
            return new Result(losses, gradients);
        }
    }
}
