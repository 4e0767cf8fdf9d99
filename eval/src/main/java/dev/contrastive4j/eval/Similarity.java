package dev.contrastive4j.eval;

/**
 * The four ways evaluators compare two embeddings, each oriented so that a larger value means "more
 * similar": cosine, dot product, and the negated euclidean and manhattan distances.
 *
 * <p>Arithmetic is in double precision: each product of two floats is exact in a double, so results do not
 * depend on summation order beyond the last bits. A zero vector has cosine 0 with everything, as in
 * PyTorch's {@code normalize} (norms are floored at {@value #MIN_NORM}).
 */
public enum Similarity {
    COSINE("cosine"),
    DOT("dot"),
    EUCLIDEAN("euclidean"),
    MANHATTAN("manhattan");

    /** The smallest norm cosine divides by, so that a zero vector gives 0 rather than NaN. */
    public static final double MIN_NORM = 1e-12;

    private final String key;

    Similarity(String key) {
        this.key = key;
    }

    /** The lower-case name used in metric names ({@code cosine}, {@code dot}, …). */
    public String key() {
        return key;
    }

    /**
     * The similarity of two embeddings of equal length; larger means more similar.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public double between(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of lengths " + a.length + " and " + b.length
                    + " cannot be compared");
        }
        return switch (this) {
            case COSINE -> dot(a, b) / (Math.max(norm(a), MIN_NORM) * Math.max(norm(b), MIN_NORM));
            case DOT -> dot(a, b);
            case EUCLIDEAN -> -euclideanDistance(a, b);
            case MANHATTAN -> -manhattanDistance(a, b);
        };
    }

    /** The dot product, accumulated in double with four independent sums (faster, same precision). */
    static double dot(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[i] * b[i];
            s1 += (double) a[i + 1] * b[i + 1];
            s2 += (double) a[i + 2] * b[i + 2];
            s3 += (double) a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The euclidean norm, in double. */
    static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double euclideanDistance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private static double manhattanDistance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((double) a[i] - b[i]);
        }
        return sum;
    }
}
