package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.GraphScalars;
import java.util.Locale;

/** How {@link TripletLoss} measures how far apart two embeddings are. */
public enum TripletDistance {

    /**
     * {@code d(x, y) = sqrt(max(Σ_k (x_k − y_k)², 1e-12))}. The floor keeps the gradient finite when
     * {@code x = y} (PyTorch's {@code pairwise_distance} adds 1e-6 to the difference for the same reason).
     */
    EUCLIDEAN {
        @Override
        NDArray rowwise(NDArray x, NDArray y) {
            NDArray squared = RowVectors.rowSum(x.sub(y).square());
            return squared.maximum(GraphScalars.of(squared, SQUARED_FLOOR)).sqrt();
        }
    },

    /** {@code d(x, y) = 1 − x·y / (max(‖x‖, 1e-12) · max(‖y‖, 1e-12))}, in [0, 2]. */
    COSINE {
        @Override
        NDArray rowwise(NDArray x, NDArray y) {
            return RowVectors.rowDot(RowVectors.unit(x), RowVectors.unit(y)).neg().add(1);
        }
    },

    /** {@code d(x, y) = Σ_k |x_k − y_k|}. */
    MANHATTAN {
        @Override
        NDArray rowwise(NDArray x, NDArray y) {
            return RowVectors.rowSum(x.sub(y).abs());
        }
    };

    private static final double SQUARED_FLOOR = 1e-12;

    /**
     * The distance between row i of {@code x} and row i of {@code y}.
     *
     * @return a {@code (rows)} vector
     */
    abstract NDArray rowwise(NDArray x, NDArray y);

    /** @return the name used in loss expressions ({@code euclidean}, {@code cosine}, {@code manhattan}) */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a name from {@link #parameterValue()}, already checked against the parameter's choices
     * @return the distance it names
     */
    public static TripletDistance fromParameter(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
