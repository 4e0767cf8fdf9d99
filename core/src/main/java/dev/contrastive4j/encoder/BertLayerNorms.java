package dev.contrastive4j.encoder;

import ai.djl.nn.norm.LayerNorm;

/** Creates the LayerNorms BERT uses: over the last (hidden) axis of its activations. */
final class BertLayerNorms {

    private BertLayerNorms() {}

    /** For the embeddings' {@code (B, T, H)} activations. */
    static LayerNorm forSequences(BertConfig config) {
        return create(config, 2);
    }

    /** For a layer's {@code (B·T, H)} token matrices. */
    static LayerNorm forTokens(BertConfig config) {
        return create(config, 1);
    }

    private static LayerNorm create(BertConfig config, int hiddenAxis) {
        // DJL's default normalises over every axis but the first, i.e. over (T, H) of a 3-D input: name the axis.
        return LayerNorm.builder().axis(hiddenAxis).optEpsilon((float) config.layerNormEps()).build();
    }
}
