package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.SharedEncoders;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.testkit.TinyEncoders;
import dev.contrastive4j.train.EncoderTrainingModel;
import dev.contrastive4j.train.LossPlan;
import dev.contrastive4j.train.Trainer;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training run with gist and cgist changes the student and leaves the guide bit for bit as it was. */
class GuideStaysFrozenTest {

    @TempDir
    Path dir;

    @Test
    void guideWeightsAreBitForBitUnchangedAfterTraining() {
        Path guideFolder = TinyEncoders.saveBert(dir.resolve("guide"), 11);
        PluginRegistry registry = PluginRegistry.of(List.of(new GistPlugin()));
        SentenceEncoder guide = registry.service(SharedEncoders.class).frozen(guideFolder.toString());
        Map<String, FloatTensor> guideBefore = guide.exportWeights();
        String expression = "0.5*gist(guide=" + guideFolder + ") + 0.5*cgist(guide=" + guideFolder
                + ", mini_batch_size=2)";
        LossPlan plan = LossPlan.create(LossSpec.parse(expression, registry), DataFormat.TRIPLET, registry);
        TrainingConfig config = TrainingConfig.defaults().withMaxSteps(3).withBatchSize(3).withLearningRate(1e-3);

        try (SentenceEncoder student = TinyEncoders.bert(3)) {
            Map<String, FloatTensor> studentBefore = student.exportWeights();
            TrainingResult result = new Trainer(new EncoderTrainingModel(student, 8), plan, config,
                    dir.resolve("run"), List.of(), List.of()).train(TinyModels.ROWS, false);

            assertThat(result.steps()).isEqualTo(3);
            assertThat(result.finalLoss()).isFinite().isPositive();
            assertThat(student.exportWeights()).as("the student trained").isNotEqualTo(studentBefore);
        }
        // Both losses share the one guide the registry loaded, and it never had a trainable parameter.
        assertThat(registry.service(SharedEncoders.class).frozen(guideFolder.toString())).isSameAs(guide);
        assertThat(guide.trainableParameters()).isEmpty();
        assertThat(guide.exportWeights()).isEqualTo(guideBefore);
    }
}
