package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Collection;

/**
 * Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}: the gradients of all parameters
 * are treated as one vector; if its L2 norm exceeds {@code maxNorm}, every gradient is scaled by
 * {@code maxNorm / (norm + 1e-6)}. DJL's {@code optClipGrad} clamps element by element instead, which changes
 * the update's direction.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** The L2 norm of all gradients together, accumulated in double precision. */
    public static double globalNorm(Collection<NDArray> parameters) {
        double sumOfSquares = 0;
        for (NDArray parameter : parameters) {
            // g·g of the flattened gradient: no temporary the size of the gradient (47 MB for MiniLM's embeddings).
            try (NDArray g = parameter.getGradient(); NDArray flat = g.reshape(-1); NDArray sum = flat.dot(flat);
                    NDArray wide = sum.toType(DataType.FLOAT64, false)) {
                sumOfSquares += wide.getDouble();
            }
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * Scales the gradients in place so that their global norm is at most {@code maxNorm}.
     *
     * @return the norm before clipping (NaN or infinite if a gradient is)
     */
    public static double clip(Collection<NDArray> parameters, double maxNorm) {
        double norm = globalNorm(parameters);
        double coefficient = maxNorm / (norm + 1e-6);
        if (Double.isFinite(norm) && coefficient < 1) {
            for (NDArray parameter : parameters) {
                try (NDArray g = parameter.getGradient()) {
                    g.muli(coefficient);
                }
            }
        }
        return norm;
    }
}
