package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertWeightsTest {

    @TempDir
    Path dir;

    /** A task model's state dict: "bert."-prefixed, shuffled, with an MLM head entry. */
    private static Map<String, FloatTensor> taskModelStateDict(Map<String, FloatTensor> encoder) {
        List<String> names = new ArrayList<>(encoder.keySet());
        Collections.shuffle(names, new Random(3));
        Map<String, FloatTensor> stateDict = new LinkedHashMap<>();
        names.forEach(n -> stateDict.put("bert." + n, encoder.get(n)));
        stateDict.put("cls.predictions.bias", new FloatTensor(new long[] {10}, new float[10]));
        return stateDict;
    }

    @Test
    void fromHuggingFaceStripsPrefixesDropsHeadsAndOrdersLikeBertModel() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.build();

        BertWeights weights = BertWeights.fromHuggingFace(taskModelStateDict(tiny.expected()), 2, "m.safetensors");

        assertThat(weights.tensors().keySet()).containsExactlyElementsOf(BertWeightNames.expectedNames(2, false));
        assertThat(weights.tensors()).isEqualTo(tiny.expected());
        assertThat(weights.dimensions()).isEqualTo(new BertDimensions(10, 8, 2, 2, 12, 6, 2, false));
    }

    @Test
    void importedOnnxWeightsSurviveASafetensorsRoundTrip() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        BertWeights imported = OnnxBertImporter.importModel(
                OnnxReader.read(ByteBuffer.wrap(tiny.build()), "tiny.onnx"), OptionalInt.empty());
        Path file = dir.resolve("model.safetensors");

        SafetensorsWriter.write(file, imported.tensors());
        BertWeights reloaded = BertWeights.fromHuggingFace(SafetensorsReader.readFloats(file), 2, file.toString());

        assertThat(reloaded).isEqualTo(imported);
    }

    @Test
    void aMisshapenWeightNamesItsExpectedShape() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.build();
        Map<String, FloatTensor> broken = new LinkedHashMap<>(tiny.expected());
        broken.put("encoder.layer.1.attention.self.key.weight", new FloatTensor(new long[] {8, 7}, new float[56]));

        assertThatThrownBy(() -> BertWeights.fromHuggingFace(broken, 2, "m.safetensors"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("m.safetensors: 'encoder.layer.1.attention.self.key.weight' has shape [8, 7], "
                        + "expected [8, 8] (hidden 8, intermediate 12)");
    }
}
