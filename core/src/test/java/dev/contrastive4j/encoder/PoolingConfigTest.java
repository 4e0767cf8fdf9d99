package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolingConfigTest {

    @TempDir
    Path folder;

    @Test
    void readsSentenceTransformersPoolingConfig() throws IOException {
        // The 1_Pooling/config.json of sentence-transformers/all-MiniLM-L6-v2.
        Path file = write("""
                {
                  "word_embedding_dimension": 384,
                  "pooling_mode_cls_token": false,
                  "pooling_mode_mean_tokens": true,
                  "pooling_mode_max_tokens": false,
                  "pooling_mode_mean_sqrt_len_tokens": false
                }""");
        assertThat(PoolingConfig.read(file)).isEqualTo(PoolingConfig.mean(384));
    }

    @Test
    void writesEveryFieldSentenceTransformersReads() throws IOException {
        Path file = folder.resolve("config.json");
        new PoolingConfig(32, true, false, true, false).write(file);
        JsonNode json = JsonFiles.MAPPER.readTree(file.toFile());
        assertThat(json.get("word_embedding_dimension").asInt()).isEqualTo(32);
        assertThat(json.get("pooling_mode_cls_token").asBoolean()).isTrue();
        assertThat(json.get("pooling_mode_mean_tokens").asBoolean()).isFalse();
        assertThat(json.get("pooling_mode_max_tokens").asBoolean()).isTrue();
        assertThat(json.get("pooling_mode_mean_sqrt_len_tokens").asBoolean()).isFalse();
        assertThat(json.get("pooling_mode_weightedmean_tokens").asBoolean()).isFalse();
        assertThat(json.get("pooling_mode_lasttoken").asBoolean()).isFalse();
        assertThat(PoolingConfig.read(file)).isEqualTo(new PoolingConfig(32, true, false, true, false));
    }

    @Test
    void unsupportedModeIsRefusedNamingFileAndField() throws IOException {
        Path file = write("{\"word_embedding_dimension\": 8, \"pooling_mode_weightedmean_tokens\": true}");
        assertThatThrownBy(() -> PoolingConfig.read(file))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("pooling_mode_weightedmean_tokens");
    }

    @Test
    void promptTokensLeftOutOfPoolingAreRefusedNamingFileAndField() throws IOException {
        Path file = write("{\"word_embedding_dimension\": 8, \"pooling_mode_mean_tokens\": true,"
                + " \"include_prompt\": false}");
        assertThatThrownBy(() -> PoolingConfig.read(file))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("field 'include_prompt' is false (prompt tokens left out of pooling)");
    }

    @Test
    void noModeAtAllIsRefused() throws IOException {
        Path file = write("{\"word_embedding_dimension\": 8}");
        assertThatThrownBy(() -> PoolingConfig.read(file))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("at least one pooling mode");
    }

    @Test
    void outputDimensionCountsEveryEnabledMode() {
        assertThat(new PoolingConfig(10, true, true, true, false).outputDimension()).isEqualTo(30);
    }

    private Path write(String json) throws IOException {
        Path file = folder.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }
}
