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

class BertConfigTest {

    /** sentence-transformers/all-MiniLM-L6-v2's config.json, abridged to what matters. */
    private static final String MINILM_CONFIG = """
            {
              "_name_or_path": "nreimers/MiniLM-L6-H384-uncased",
              "architectures": ["BertModel"],
              "attention_probs_dropout_prob": 0.1,
              "gradient_checkpointing": false,
              "hidden_act": "gelu",
              "hidden_dropout_prob": 0.1,
              "hidden_size": 384,
              "initializer_range": 0.02,
              "intermediate_size": 1536,
              "layer_norm_eps": 1e-12,
              "max_position_embeddings": 512,
              "model_type": "bert",
              "num_attention_heads": 12,
              "num_hidden_layers": 6,
              "pad_token_id": 0,
              "position_embedding_type": "absolute",
              "transformers_version": "4.8.2",
              "type_vocab_size": 2,
              "use_cache": true,
              "vocab_size": 30522
            }""";

    @TempDir
    Path folder;

    @Test
    void readsHuggingFaceConfigIgnoringFieldsItDoesNotNeed() throws IOException {
        BertConfig config = BertConfig.read(write(MINILM_CONFIG));
        assertThat(config).isEqualTo(new BertConfig(30522, 384, 6, 12, 1536, "gelu", 0.1, 0.1, 512, 2, 1e-12));
        assertThat(config.attentionHeadSize()).isEqualTo(32);
    }

    @Test
    void writesTheFieldsTransformersNeedsAndReadsThemBack() throws IOException {
        BertConfig config = new BertConfig(110, 32, 2, 2, 64, "gelu", 0.1, 0.05, 64, 2, 1e-12);
        Path file = folder.resolve("config.json");
        config.write(file);
        JsonNode json = JsonFiles.MAPPER.readTree(file.toFile());
        assertThat(json.get("model_type").asText()).isEqualTo("bert");
        assertThat(json.get("architectures").get(0).asText()).isEqualTo("BertModel");
        for (String field : new String[] {"vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
            "intermediate_size", "hidden_act", "hidden_dropout_prob", "attention_probs_dropout_prob",
            "max_position_embeddings", "type_vocab_size", "layer_norm_eps"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("attention_probs_dropout_prob").asDouble()).isEqualTo(0.05);
        assertThat(BertConfig.read(file)).isEqualTo(config);
    }

    @Test
    void tanhApproximatedGeluIsRefused() throws IOException {
        Path file = write(MINILM_CONFIG.replace("\"hidden_act\": \"gelu\"", "\"hidden_act\": \"gelu_new\""));
        assertThatThrownBy(() -> BertConfig.read(file))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("hidden_act")
                .hasMessageContaining("gelu_new");
    }

    @Test
    void otherModelTypesAreRefused() throws IOException {
        Path file = write(MINILM_CONFIG.replace("\"model_type\": \"bert\"", "\"model_type\": \"roberta\""));
        assertThatThrownBy(() -> BertConfig.read(file))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("model_type")
                .hasMessageContaining("roberta");
    }

    @Test
    void missingRequiredFieldIsNamedWithTheFile() throws IOException {
        Path file = write(MINILM_CONFIG.replace("\"hidden_size\": 384,", ""));
        assertThatThrownBy(() -> BertConfig.read(file))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'hidden_size' is required");
    }

    @Test
    void headsMustDivideTheHiddenSize() throws IOException {
        Path file = write(MINILM_CONFIG.replace("\"num_attention_heads\": 12", "\"num_attention_heads\": 5"));
        assertThatThrownBy(() -> BertConfig.read(file))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("hidden_size 384 must be a multiple of num_attention_heads 5");
    }

    @Test
    void syntaxErrorNamesLineAndColumn() throws IOException {
        Path file = write("{\n  \"vocab_size\": 3,\n  oops\n}");
        assertThatThrownBy(() -> BertConfig.read(file))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3");
    }

    private Path write(String json) throws IOException {
        Path file = folder.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }
}
