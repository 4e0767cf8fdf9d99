package dev.contrastive4j.losses.angle;

/**
 * ContrastiveLoss and OnlineContrastiveLoss written out in plain double precision from sentence-transformers'
 * definitions ({@code SiameseDistanceMetric}, {@code torch.nn.functional.pairwise_distance} with its ε = 1e-6
 * added to the difference): the independent reference for {@link ContrastiveLossTest} and
 * {@link OnlineContrastiveLossTest}.
 */
final class ContrastiveReference {

    private ContrastiveReference() {
    }

    static double distance(String kind, double[] x, double[] y) {
        double eps = 1e-6;
        switch (kind) {
            case "cosine":
                return 1 - Reference.cosine(x, y);
            case "euclidean": {
                double sum = 0;
                for (int k = 0; k < x.length; k++) {
                    double diff = x[k] - y[k] + eps;
                    sum += diff * diff;
                }
                return Math.sqrt(sum);
            }
            case "manhattan": {
                double sum = 0;
                for (int k = 0; k < x.length; k++) {
                    sum += Math.abs(x[k] - y[k] + eps);
                }
                return sum;
            }
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    /** ½ (y d² + (1 − y) max(0, m − d)²), averaged or summed. */
    static double contrastive(double[][] u, double[][] v, double[] labels, String kind, double margin,
            boolean sizeAverage) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            double d = distance(kind, u[i], v[i]);
            double hinge = Math.max(0, margin - d);
            sum += 0.5 * (labels[i] * d * d + (1 - labels[i]) * hinge * hinge);
        }
        return sizeAverage ? sum / u.length : sum;
    }

    /**
     * The hard-pair rule step by step as sentence-transformers writes it: split the distances by label, pick the
     * thresholds (max of positives or mean of negatives; min of negatives or mean of positives), keep the negatives
     * below and the positives above, and sum d² and max(0, m − d)².
     */
    static double online(double[][] u, double[][] v, double[] labels, String kind, double margin) {
        java.util.List<Double> poss = new java.util.ArrayList<>();
        java.util.List<Double> negs = new java.util.ArrayList<>();
        for (int i = 0; i < u.length; i++) {
            double d = distance(kind, u[i], v[i]);
            if (labels[i] == 1) {
                poss.add(d);
            } else if (labels[i] == 0) {
                negs.add(d);
            }
        }
        double negativeThreshold = poss.size() > 1
                ? poss.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                : negs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double positiveThreshold = negs.size() > 1
                ? negs.stream().mapToDouble(Double::doubleValue).min().orElseThrow()
                : poss.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double loss = 0;
        for (double d : poss) {
            if (d > positiveThreshold) {
                loss += d * d;
            }
        }
        for (double d : negs) {
            if (d < negativeThreshold) {
                double hinge = Math.max(0, margin - d);
                loss += hinge * hinge;
            }
        }
        return loss;
    }
}
