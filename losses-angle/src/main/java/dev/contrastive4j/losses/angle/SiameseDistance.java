package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The row-wise distances of the binary-label pair losses ({@link ContrastiveLoss}, {@link OnlineContrastiveLoss}),
 * as sentence-transformers' {@code SiameseDistanceMetric} defines them:
 * <pre>
 *   cosine:    d(u, v) = 1 − cos(u, v)
 *   euclidean: d(u, v) = ‖u − v + ε‖₂       ε = 1e-6, as torch.nn.functional.pairwise_distance adds it
 *   manhattan: d(u, v) = ‖u − v + ε‖₁
 * </pre>
 */
enum SiameseDistance {
    COSINE,
    EUCLIDEAN,
    MANHATTAN;

    /** The ε that {@code pairwise_distance} adds to every component of the difference. */
    static final double PAIRWISE_EPSILON = 1e-6;

    /** The parameter's name in loss expressions. */
    static final String PARAMETER = "distance";

    /** The word a loss expression uses for this distance. */
    String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every word a loss expression may use. */
    static List<String> parameterValues() {
        return Arrays.stream(values()).map(SiameseDistance::parameterValue).toList();
    }

    static SiameseDistance fromParameter(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** {@code d(u_i, v_i)} for every row, shape {@code (n)}, with a graph back to both inputs. */
    NDArray between(NDArray u, NDArray v) {
        return switch (this) {
            case COSINE -> PairSimilarity.cosine(u, v).neg().add(1);
            case EUCLIDEAN -> u.sub(v).add(PAIRWISE_EPSILON).norm(new int[] {1});
            case MANHATTAN -> u.sub(v).add(PAIRWISE_EPSILON).abs().sum(new int[] {1});
        };
    }
}
