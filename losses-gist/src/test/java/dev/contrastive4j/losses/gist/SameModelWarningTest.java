package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
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
        try (SentenceEncoder a = TinyBert.create(7); SentenceEncoder same = TinyBert.create(7)) {
            double cosine = GuideModel.meanRowCosine(a.encode(TEXTS, 8), same.encode(TEXTS, 8));
            assertThat(cosine).isGreaterThan(GuideModel.SAME_MODEL_COSINE);
        }
    }

    @Test
    void twoDifferentModelsOfTheSameWidthDoNot() {
        try (SentenceEncoder a = TinyBert.create(7); SentenceEncoder b = TinyBert.create(8)) {
            double cosine = GuideModel.meanRowCosine(a.encode(TEXTS, 8), b.encode(TEXTS, 8));
            assertThat(cosine).isLessThan(GuideModel.SAME_MODEL_COSINE);
        }
    }

    @Test
    void differentWidthsAreDifferentModels() {
        assertThat(GuideModel.meanRowCosine(new float[][] {{1, 0}}, new float[][] {{1, 0, 0}})).isZero();
    }
}
