package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderLoaderTest {

    private static final String LONG_TEXT = "the cat sat on the mat ".repeat(20);

    @Test
    void maxSeqLengthCanBeLoweredAtLoadTime(@TempDir Path folder) {
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(folder.resolve("tiny"));
        }
        try (SentenceEncoder own = new EncoderLoader().load(folder.resolve("tiny").toString());
                SentenceEncoder shorter = new EncoderLoader().load(folder.resolve("tiny").toString(), OptionalInt.of(8))) {
            assertThat(own.tokenize(List.of(LONG_TEXT)).get(0)).hasSize(TinyBert.MAX_SEQ_LENGTH);
            long[] ids = shorter.tokenize(List.of(LONG_TEXT)).get(0);
            assertThat(ids).hasSize(8);
            // [CLS] first and [SEP] last survive truncation, as in Hugging Face tokenizers.
            assertThat(ids[0]).isEqualTo(own.tokenize(List.of(LONG_TEXT)).get(0)[0]);
            assertThat(ids[7]).isEqualTo(own.tokenize(List.of("x")).get(0)[2]);
            assertThat(shorter.settings().maxSeqLength()).isEqualTo(8);
        }
    }

    @Test
    void aMaxSeqLengthBeyondThePositionTableIsAUserError(@TempDir Path folder) {
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(folder.resolve("tiny"));
            int tooLong = tiny.bertConfig().maxPositionEmbeddings() + 1;
            assertThatThrownBy(() -> new EncoderLoader().load(folder.resolve("tiny").toString(), OptionalInt.of(tooLong)))
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessageContaining("exceeds the model's max_position_embeddings");
        }
    }
}
