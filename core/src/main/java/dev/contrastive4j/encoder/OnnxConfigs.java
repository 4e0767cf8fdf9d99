package dev.contrastive4j.encoder;

import dev.contrastive4j.encoder.io.BertDimensions;
import dev.contrastive4j.encoder.io.BertWeights;

/** The {@link BertConfig} of a BERT imported from ONNX, where no {@code config.json} says more. */
final class OnnxConfigs {

    private OnnxConfigs() {}

    /**
     * Sizes from the weights and graph; the rest is BERT's standard: exact GELU, dropout 0.1, LayerNorm
     * epsilon 1e-12 (what all-MiniLM-L6-v2's own {@code config.json} states too).
     */
    static BertConfig config(BertWeights weights) {
        BertDimensions d = weights.dimensions();
        return new BertConfig(d.vocabSize(), d.hiddenSize(), d.numLayers(), d.numHeads(), d.intermediateSize(),
                BertConfig.EXACT_GELU, 0.1, 0.1, d.maxPositions(), d.typeVocabSize(), 1e-12);
    }
}
