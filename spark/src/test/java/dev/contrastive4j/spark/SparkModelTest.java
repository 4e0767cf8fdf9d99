package dev.contrastive4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What travels to the executors: the model's name, token limit and prompts survive Java serialisation. */
class SparkModelTest {

    @Test
    void promptsAndTokenLimitSurviveTheTripToAnExecutor() throws Exception {
        Prompts single = Prompts.forAll("query=this: "); // looks like a role mapping, is one prompt
        Prompts perRole = Prompts.forRoles(Map.of(PromptRole.ANCHOR, "q: ", PromptRole.POSITIVE, "@document"));
        for (Prompts prompts : new Prompts[] {single, perRole, Prompts.NONE}) {
            SparkModel model = roundTrip(SparkModel.named("minilm").withPrompts(prompts).withMaxSeqLength(64));
            assertThat(model.prompts()).isEqualTo(prompts);
            assertThat(model.maxSeqLength()).hasValue(64);
            assertThat(model.cacheKey()).isEqualTo(SparkModel.named("minilm").withMaxSeqLength(64).cacheKey());
        }
    }

    @Test
    void tooShortTokenLimitIsRefusedWithTheOptionsMessage() {
        assertThatThrownBy(() -> SparkModel.named("minilm").withMaxSeqLength(1)).isInstanceOf(ContrastiveException.class)
                .hasMessage("--max-seq-length must be at least 2 (room for [CLS] and [SEP]), found 1");
    }

    private static SparkModel roundTrip(SparkModel model) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SparkModel) in.readObject();
        }
    }
}
