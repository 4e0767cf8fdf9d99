package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.testkit.TinyEncoders;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first-batch check that warns when the guide looks like the student: a model against itself (dropout
 * aside) is near 1, two different models of the same width are near 0.
 */
class SameModelWarningTest {

    private static final List<String> TEXTS = TinyModels.ROWS.stream().map(t -> t.anchor()).toList();

    @Test
    void aModelAgainstItselfLooksLikeTheSameModel() {
        try (SentenceEncoder a = TinyEncoders.bert(7); SentenceEncoder same = TinyEncoders.bert(7)) {
            double cosine = GuideModel.meanRowCosine(a.encode(TEXTS, 8), same.encode(TEXTS, 8));
            assertThat(cosine).isGreaterThan(GuideModel.SAME_MODEL_COSINE);
        }
    }

    @Test
    void aTrainingPassWithDropoutAgainstTheSameModelInInferenceStillDoes() {
        // What the loss compares on its first batch: the student's training-mode pass, the guide's inference.
        try (SentenceEncoder student = TinyEncoders.bert(7); SentenceEncoder guide = TinyEncoders.bert(7);
                NDManager manager = PyTorchRuntime.newManager()) {
            float[] flat = student.embedDetached(TEXTS, manager, 5).toFloatArray();
            int width = student.dimension();
            float[][] rows = new float[TEXTS.size()][width];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * width, rows[i], 0, width);
            }
            double cosine = GuideModel.meanRowCosine(rows, guide.encode(TEXTS, 8));
            assertThat(cosine).isGreaterThan(GuideModel.SAME_MODEL_COSINE).isLessThan(1);
        }
    }

    @Test
    void twoDifferentModelsOfTheSameWidthDoNot() {
        try (SentenceEncoder a = TinyEncoders.bert(7); SentenceEncoder b = TinyEncoders.bert(8)) {
            double cosine = GuideModel.meanRowCosine(a.encode(TEXTS, 8), b.encode(TEXTS, 8));
            assertThat(cosine).isLessThan(GuideModel.SAME_MODEL_COSINE);
        }
    }

    @Test
    void differentWidthsAreDifferentModels() {
        assertThat(GuideModel.meanRowCosine(new float[][] {{1, 0}}, new float[][] {{1, 0, 0}})).isZero();
    }
}
