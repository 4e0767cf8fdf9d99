package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BERT's input layer: {@code LayerNorm(word[ids] + tokenType[types] + position[0..T)) → dropout}.
 *
 * <p>Inputs: token ids {@code (B, T)} and token-type ids {@code (B, T)}, both int64. Output: {@code (B, T, H)}.
 */
final class BertEmbeddings extends AbstractBlock {

    private final TokenEmbedding words;
    private final TokenEmbedding positions;
    private final TokenEmbedding tokenTypes;
    private final LayerNorm norm;
    private final ParallelDropout dropout;

    BertEmbeddings(BertConfig config) {
        words = addChildBlock("word_embeddings", new TokenEmbedding(config.vocabSize(), config.hiddenSize(), true));
        positions = addChildBlock("position_embeddings",
                new TokenEmbedding(config.maxPositionEmbeddings(), config.hiddenSize(), false));
        tokenTypes = addChildBlock("token_type_embeddings",
                new TokenEmbedding(config.typeVocabSize(), config.hiddenSize(), false));
        norm = addChildBlock("LayerNorm", BertLayerNorms.create(config));
        dropout = addChildBlock("dropout", new ParallelDropout(config.hiddenDropoutProb()));
    }

    TokenEmbedding words() {
        return words;
    }

    TokenEmbedding positions() {
        return positions;
    }

    TokenEmbedding tokenTypes() {
        return tokenTypes;
    }

    LayerNorm norm() {
        return norm;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray types = inputs.get(1);
        int length = Math.toIntExact(ids.getShape().get(1));
        NDManager manager = ids.getManager();
        NDArray positionIds = manager.arange(0, length, 1, DataType.INT64).expandDims(0);

        // Same order of additions as Hugging Face's BertEmbeddings, so float rounding matches.
        NDArray sum = words.forward(parameterStore, new NDList(ids), training).head()
                .add(tokenTypes.forward(parameterStore, new NDList(types), training).head())
                .add(positions.forward(parameterStore, new NDList(positionIds), training).head());
        NDArray normed = norm.forward(parameterStore, new NDList(sum), training).head();
        return dropout.forward(parameterStore, new NDList(normed), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return words.getOutputShapes(new Shape[] {inputShapes[0]});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        words.initialize(manager, dataType, ids);
        positions.initialize(manager, dataType, ids);
        tokenTypes.initialize(manager, dataType, ids);
        Shape hidden = words.getOutputShapes(new Shape[] {ids})[0];
        norm.initialize(manager, dataType, hidden);
        dropout.initialize(manager, dataType, hidden);
    }
}
