package dev.contrastive4j.losses.gist;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.SharedEncoders;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.testkit.TestLossContext;
import dev.contrastive4j.train.LossCombination;
import dev.contrastive4j.train.LossPlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the guide costs: the forward and backward time of one training step (no optimiser update, which is the
 * same for every loss) of gist against mnrl on the same batches, all-MiniLM-L6-v2 student, bge-small guide,
 * 32 bundled WordNet triplets per batch. The losses take turns on each batch, so machine load hits both alike.
 *
 * <p>Run from the repository root after {@code ./mvnw install -DskipTests}:
 * <pre>
 * ./mvnw -q -o -pl losses-gist dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
 *     -cp "losses-gist/target/test-classes:losses-gist/target/classes:$(cat /tmp/cp.txt)" \
 *     dev.contrastive4j.losses.gist.GistStepCostMain 4
 * </pre>
 */
public final class GistStepCostMain {

    private static final int BATCH = 32;

    private GistStepCostMain() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path train = Path.of("data/wordnet-senses/train.jsonl.gz");
        List<Example> rows = Datasets.readAll(train, ReadOptions.defaults()).subList(0, BATCH * (batches + 1));
        PluginRegistry registry = PluginRegistry.discover(GistStepCostMain.class.getClassLoader());
        Map<String, LossCombination> losses = new LinkedHashMap<>();
        for (String expression : List.of("mnrl", "gist", "0.5*gist + 0.5*triplet")) {
            losses.put(expression, new LossCombination(
                    LossPlan.create(LossSpec.parse(expression, registry), DataFormat.TRIPLET, registry)));
        }
        SentenceEncoder guide = registry.service(SharedEncoders.class).frozen("bge-small");
        Map<String, Double> seconds = new LinkedHashMap<>();
        double guideSeconds = 0;
        Engine engine = PyTorchRuntime.engine();
        try (SentenceEncoder student = new EncoderLoader().load("minilm")) {
            for (int b = 0; b <= batches; b++) {
                List<Example> batch = rows.subList(b * BATCH, (b + 1) * BATCH);
                for (Map.Entry<String, LossCombination> loss : losses.entrySet()) {
                    double elapsed = time(loss.getValue(), batch, student, engine, 1000L + b);
                    if (b > 0) { // batch 0 warms up
                        seconds.merge(loss.getKey(), elapsed, Double::sum);
                    }
                }
                long start = System.nanoTime();
                new GuideModel("bge-small", guide).embed(Batch.of(batch), BATCH);
                if (b > 0) {
                    guideSeconds += (System.nanoTime() - start) / 1e9;
                }
            }
        }
        double mnrl = seconds.get("mnrl") / batches;
        System.out.printf("batch %d triplets, minilm student, bge-small guide, mean of %d batches after 1 warm-up:%n",
                BATCH, batches);
        seconds.forEach((name, total) -> System.out.printf("  %-24s %6.2f s/step  %.2fx mnrl%n", name,
                total / batches, total / batches / mnrl));
        System.out.printf("  %-24s %6.2f s/step  (the guide's share of a gist step)%n", "guide forward alone",
                guideSeconds / batches);
    }

    private static double time(LossCombination loss, List<Example> batch, SentenceEncoder student, Engine engine,
            long seed) {
        long start = System.nanoTime();
        try (NDManager manager = engine.newBaseManager(); GradientCollector collector = engine.newGradientCollector()) {
            loss.forwardBackward(batch, new TestLossContext(student, manager, seed, collector));
        }
        student.trainableParameters().values().forEach(p -> PyTorchRuntime.zeroGradient(p.getArray()));
        return (System.nanoTime() - start) / 1e9;
    }
}
