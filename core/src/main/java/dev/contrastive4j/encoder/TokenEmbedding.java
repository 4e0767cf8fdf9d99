package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A lookup table: integer ids of any shape in, one {@code dimension}-wide row per id out.
 *
 * <p>DJL's own {@code Embedding} block carries a vocabulary of Java objects; BERT needs only the table,
 * held in one parameter {@code weight} of shape {@code (count, dimension)} like PyTorch's
 * {@code nn.Embedding}.
 */
final class TokenEmbedding extends AbstractBlock {

    private final long dimension;
    private final Parameter weight;

    TokenEmbedding(long count, long dimension) {
        this.dimension = dimension;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(count, dimension))
                .build());
    }

    Parameter weight() {
        return weight;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray table = parameterStore.getValue(weight, ids.getDevice(), training);
        // Called on the ids so that the result belongs to the ids' (per-batch) manager, not the table's.
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dimension)};
    }
}
