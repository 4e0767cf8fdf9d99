package com.example.marginranking;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.testkit.TinyEncoders;
import dev.contrastive4j.train.EncoderTrainingModel;
import dev.contrastive4j.train.LossPlan;
import dev.contrastive4j.train.Trainer;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real trainer on the project's tiny random BERT: the plugin found by the registry, planned
 * from a loss expression, trained for a few dozen steps, and the loss on the training rows goes down.
 */
class MarginRankingTrainsTinyBertTest {

    private static final double MARGIN = 0.5;

    @TempDir
    Path output;

    @Test
    void trainingWithTheLossLowersItOnTheTrainingRows() {
        List<Triplet> rows = rows();
        PluginRegistry registry = PluginRegistry.discover(MarginRankingTrainsTinyBertTest.class.getClassLoader());
        LossPlan plan = LossPlan.create(LossSpec.parse("margin-ranking(margin=" + MARGIN + ")", registry),
                DataFormat.TRIPLET, registry);
        TrainingConfig config = TrainingConfig.defaults().withMaxSteps(24).withBatchSize(8).withLearningRate(1e-3)
                .withWarmupRatio(0).withSeed(3);

        try (SentenceEncoder encoder = TinyEncoders.bert(7, 0.0)) {
            double before = lossOn(encoder, rows);
            TrainingResult result = new Trainer(new EncoderTrainingModel(encoder, 16), plan, config, output, List.of(),
                    List.of()).train(rows, false);
            double after = lossOn(encoder, rows);

            assertThat(result.steps()).isEqualTo(24);
            assertThat(before).as("the untrained model violates the margin").isGreaterThan(0.1);
            assertThat(after).as("loss before %.4f, after %.4f", before, after).isLessThan(before / 2);
        }
    }

    private static double lossOn(SentenceEncoder encoder, List<Triplet> rows) {
        Batch batch = Batch.of(rows);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> columns = new ArrayList<>();
            for (List<String> column : batch.columns()) {
                columns.add(encoder.embedDetached(column, manager, 0));
            }
            return new MarginRankingLoss(MARGIN, false).compute(new EmbeddedBatch(DataFormat.TRIPLET, columns, null))
                    .getFloat();
        }
    }

    /** Sixteen triplets whose positive shares the anchor's words and whose negative does not. */
    private static List<Triplet> rows() {
        String[] words = {"cat", "dog", "bird", "fish", "tree", "rock", "river", "cloud", "stone", "grass", "snow",
            "rain", "wind", "sand", "leaf", "star"};
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            String other = words[(i + 7) % words.length];
            rows.add(new Triplet("the " + word + " is here", "a " + word + " is here " + i,
                    "the " + other + " sat there " + i));
        }
        return rows;
    }
}
