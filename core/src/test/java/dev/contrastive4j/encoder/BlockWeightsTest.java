package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockWeightsTest {

    private NDManager manager;
    private BertModelBlock block;

    @BeforeEach
    void tinyBlock() {
        manager = PyTorchRuntime.newManager();
        block = new BertModelBlock(TinyBert.config(), true);
        block.initialize(manager);
    }

    @AfterEach
    void free() {
        manager.close();
    }

    @Test
    void parameterNamesAreHuggingFaceBertModelNames() {
        // BertModel.state_dict() keys, written out from transformers' module tree.
        List<String> expected = new ArrayList<>(List.of(
                "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"));
        for (int i = 0; i < 2; i++) {
            for (String module : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense", "output.dense",
                "output.LayerNorm"}) {
                expected.add("encoder.layer." + i + "." + module + ".weight");
                expected.add("encoder.layer." + i + "." + module + ".bias");
            }
        }
        expected.add("pooler.dense.weight");
        expected.add("pooler.dense.bias");
        assertThat(block.parametersByHfName().keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void shapesFollowHuggingFaceLayout() {
        Map<String, FloatTensor> exported = BlockWeights.export(block);
        // vocab 110, hidden 32, intermediate 64, positions 64, types 2; Linear weights are [out, in].
        assertThat(exported.get("embeddings.word_embeddings.weight").shape()).containsExactly(110, 32);
        assertThat(exported.get("embeddings.position_embeddings.weight").shape()).containsExactly(64, 32);
        assertThat(exported.get("embeddings.token_type_embeddings.weight").shape()).containsExactly(2, 32);
        assertThat(exported.get("encoder.layer.1.intermediate.dense.weight").shape()).containsExactly(64, 32);
        assertThat(exported.get("encoder.layer.1.output.dense.weight").shape()).containsExactly(32, 64);
        assertThat(exported.get("encoder.layer.0.output.LayerNorm.bias").shape()).containsExactly(32);
    }

    @Test
    void loadedWeightsExportUnchanged() {
        Map<String, FloatTensor> weights = BlockWeights.random(block, 5);
        BlockWeights.load(block, weights, "test");
        assertThat(BlockWeights.export(block)).isEqualTo(weights);
    }

    @Test
    void poolerIsFrozenAndEverythingElseTrainable() {
        block.parametersByHfName().forEach((name, parameter) ->
                assertThat(parameter.requiresGradient()).as(name).isEqualTo(!name.startsWith("pooler.")));
    }

    @Test
    void missingTensorIsNamedAndNothingIsLoaded() {
        Map<String, FloatTensor> before = BlockWeights.export(block);
        Map<String, FloatTensor> weights = new LinkedHashMap<>(BlockWeights.random(block, 5));
        weights.remove("encoder.layer.1.attention.self.value.bias");
        assertThatThrownBy(() -> BlockWeights.load(block, weights, "model.safetensors"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("1 missing tensor(s) [encoder.layer.1.attention.self.value.bias]");
        assertThat(BlockWeights.export(block)).isEqualTo(before);
    }

    @Test
    void unexpectedTensorIsNamed() {
        Map<String, FloatTensor> weights = new LinkedHashMap<>(BlockWeights.random(block, 5));
        weights.put("cls.predictions.bias", new FloatTensor(new long[] {110}, new float[110]));
        assertThatThrownBy(() -> BlockWeights.load(block, weights, "model.safetensors"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("1 unexpected tensor(s) [cls.predictions.bias]");
    }

    @Test
    void shapeMismatchNamesTheTensorAndBothShapes() {
        Map<String, FloatTensor> weights = new LinkedHashMap<>(BlockWeights.random(block, 5));
        weights.put("encoder.layer.0.intermediate.dense.weight", new FloatTensor(new long[] {32, 64}, new float[2048]));
        assertThatThrownBy(() -> BlockWeights.load(block, weights, "model.safetensors"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("model.safetensors: tensor 'encoder.layer.0.intermediate.dense.weight' has shape"
                        + " [32, 64], the model expects [64, 32]");
    }

    @Test
    void positionIdsBufferOfOlderCheckpointsIsIgnored() {
        Map<String, FloatTensor> weights = new LinkedHashMap<>(BlockWeights.random(block, 5));
        weights.put("embeddings.position_ids", new FloatTensor(new long[] {1, 64}, new float[64]));
        BlockWeights.load(block, weights, "model.safetensors");
        assertThat(BlockWeights.export(block)).doesNotContainKey("embeddings.position_ids");
    }
}
