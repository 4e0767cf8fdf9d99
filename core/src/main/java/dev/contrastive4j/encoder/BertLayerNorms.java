package dev.contrastive4j.encoder;

import ai.djl.nn.norm.LayerNorm;

/** Creates the LayerNorm every BERT sub-layer uses: over the last (hidden) axis of {@code (B, T, H)} inputs. */
final class BertLayerNorms {

    /** The hidden axis of the {@code (B, T, H)} activations every BERT LayerNorm sees. */
    private static final int HIDDEN_AXIS = 2;

    private BertLayerNorms() {}

    static LayerNorm create(BertConfig config) {
        // DJL's default normalises over every axis but the first, i.e. over (T, H): name the axis.
        return LayerNorm.builder().axis(HIDDEN_AXIS).optEpsilon((float) config.layerNormEps()).build();
    }
}
