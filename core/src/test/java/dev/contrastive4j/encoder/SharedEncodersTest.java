package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedEncodersTest {

    @TempDir
    Path dir;

    @Test
    void aModelIsLoadedOnceWhateverThePathsSpelling() {
        Path folder = saveTiny(dir.resolve("guide"), 5);
        try (SharedEncoders shared = new SharedEncoders(new EncoderLoader())) {
            SentenceEncoder first = shared.frozen(folder.toString());
            SentenceEncoder again = shared.frozen(dir.resolve("other/../guide").toString());
            assertThat(again).isSameAs(first);
            assertThat(shared.frozen(saveTiny(dir.resolve("second"), 6).toString())).isNotSameAs(first);
        }
    }

    @Test
    void frozenEncodersHaveNoTrainableParametersAndStillEncode() {
        Path folder = saveTiny(dir.resolve("guide"), 5);
        try (SharedEncoders shared = new SharedEncoders(new EncoderLoader());
                SentenceEncoder same = new EncoderLoader().load(folder.toString())) {
            SentenceEncoder frozen = shared.frozen(folder.toString());
            assertThat(frozen.trainableParameters()).isEmpty();
            assertThat(same.trainableParameters()).isNotEmpty();
            List<String> texts = List.of("the cat sat", "a dog ran on the mat");
            float[][] expected = same.encode(texts, 2);
            float[][] actual = frozen.encode(texts, 2);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(actual[i]).containsExactly(expected[i]);
            }
        }
    }

    @Test
    void bundledModelsAreKeyedByCanonicalName() {
        assertThat(SharedEncoders.key("BGE-Small-en-v1.5")).isEqualTo(SharedEncoders.key("bge-small"));
        assertThat(SharedEncoders.key("all-MiniLM-L6-v2")).isEqualTo("minilm");
    }

    @Test
    void anUnknownModelIsTheLoadersUserError() {
        try (SharedEncoders shared = new SharedEncoders(new EncoderLoader())) {
            assertThatThrownBy(() -> shared.frozen(dir.resolve("missing").toString()))
                    .isInstanceOf(ContrastiveException.class)
                    .hasMessageContaining("found no such file or folder");
        }
    }

    @Test
    void thePluginInjectorHoldsOneInstance() {
        PluginRegistry registry = PluginRegistry.of(List.of());
        assertThat(registry.service(SharedEncoders.class)).isSameAs(registry.service(SharedEncoders.class));
    }

    private static Path saveTiny(Path folder, long seed) {
        try (SentenceEncoder tiny = TinyBert.create(seed)) {
            tiny.save(folder);
        }
        return folder;
    }
}
