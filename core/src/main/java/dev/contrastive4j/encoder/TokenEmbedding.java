package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.contrastive4j.engine.PyTorchRuntime;

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
    private final boolean sparseGradient;

    /**
     * @param sparseGradient whether backward yields only the rows looked up (a sparse gradient, which libtorch adds
     *     in place into the table's dense gradient) rather than a dense array the size of the table: for large
     *     tables looked up in several passes per step, such as BERT's 30,522 × 384 word table (47 MB per pass).
     *     Only where the table already has a dense gradient (the optimizer gives it one, see
     *     {@code PyTorchRuntime.ensureDenseGradients}), so that whoever reads the gradient still finds it dense.
     */
    TokenEmbedding(long count, long dimension, boolean sparseGradient) {
        this.dimension = dimension;
        this.sparseGradient = sparseGradient;
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
        boolean sparse = sparseGradient && training && PyTorchRuntime.hasDenseGradient(table);
        return ids.getNDArrayInternal().embedding(ids, table, sparse ? SparseFormat.COO : SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dimension)};
    }
}
