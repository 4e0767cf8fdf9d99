package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BertWeightNamesTest {

    private static final FloatTensor ONE = new FloatTensor(new long[] {1}, new float[] {1});

    @Test
    void stripsTheBertPrefixAndRenamesOldLayerNormNames() {
        assertThat(BertWeightNames.normalize("bert.embeddings.word_embeddings.weight"))
                .isEqualTo("embeddings.word_embeddings.weight");
        assertThat(BertWeightNames.normalize("bert.encoder.layer.3.output.LayerNorm.gamma"))
                .isEqualTo("encoder.layer.3.output.LayerNorm.weight");
        assertThat(BertWeightNames.normalize("embeddings.LayerNorm.beta")).isEqualTo("embeddings.LayerNorm.bias");
        assertThat(BertWeightNames.normalize("cls.predictions.bias")).isEqualTo("cls.predictions.bias");
    }

    @Test
    void normalisingAMapKeepsOrderAndOtherEntries() {
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        weights.put("bert.pooler.dense.bias", ONE);
        weights.put("cls.predictions.bias", ONE);
        weights.put("bert.embeddings.LayerNorm.weight", ONE);

        assertThat(BertWeightNames.normalize(weights, "m.safetensors").keySet())
                .containsExactly("pooler.dense.bias", "cls.predictions.bias", "embeddings.LayerNorm.weight");
    }

    @Test
    void twoNamesForOneWeightAreRefused() {
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        weights.put("bert.pooler.dense.bias", ONE);
        weights.put("pooler.dense.bias", ONE);
        assertThatThrownBy(() -> BertWeightNames.normalize(weights, "m.safetensors"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("m.safetensors: tensors 'bert.pooler.dense.bias' and 'pooler.dense.bias' both stand "
                        + "for 'pooler.dense.bias'");
    }

    @Test
    void expectedNamesAreEmbeddingsThenSixteenPerLayerThenPooler() {
        assertThat(BertWeightNames.expectedNames(2, true))
                .hasSize(5 + 2 * 16 + 2)
                .startsWith("embeddings.word_embeddings.weight")
                .contains("encoder.layer.1.attention.self.query.weight", "encoder.layer.1.output.LayerNorm.bias")
                .endsWith("pooler.dense.weight", "pooler.dense.bias");
    }

    @Test
    void recognisesLinearBiases() {
        assertThat(BertWeightNames.isLinearBias("encoder.layer.11.attention.self.value.bias")).isTrue();
        assertThat(BertWeightNames.isLinearBias("encoder.layer.0.output.dense.bias")).isTrue();
        assertThat(BertWeightNames.isLinearBias("pooler.dense.bias")).isTrue();
        assertThat(BertWeightNames.isLinearBias("encoder.layer.0.output.LayerNorm.bias")).isFalse();
        assertThat(BertWeightNames.isLinearBias("embeddings.LayerNorm.bias")).isFalse();
    }
}
