package dev.contrastive4j.mining;

import dev.contrastive4j.spi.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The selection rules written out naively, independently of the miner: every cosine in double precision from the
 * raw vectors, the whole corpus sorted, each rule applied to a plain list in the order the documentation gives.
 */
final class ReferenceSelection {

    /** One anchor's expected outcome: the eligible candidates (what sampling draws from), best first. */
    record Expected(String anchor, List<String> positives, List<String> eligible, List<Double> eligibleScores) {
    }

    private ReferenceSelection() {
    }

    static Map<String, Expected> expected(MiningFixture fixture, MiningData data, int numNegatives, int rangeMin,
            int rangeMax, Double margin, Double relativeMargin, Double maxScore, Double minScore) {
        Map<String, List<String>> positivesByAnchor = new LinkedHashMap<>();
        for (Pair row : data.rows()) {
            positivesByAnchor.computeIfAbsent(row.anchor(), a -> new ArrayList<>()).add(row.positive());
        }
        Set<String> corpus = new LinkedHashSet<>(data.corpus().orElse(List.of()));
        data.rows().forEach(row -> corpus.add(row.positive()));
        List<String> documents = List.copyOf(corpus);

        Map<String, Expected> expected = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : positivesByAnchor.entrySet()) {
            String anchor = entry.getKey();
            float[] a = fixture.vectors.vectors.get(anchor);
            double positive = entry.getValue().stream()
                    .mapToDouble(p -> cosine(a, fixture.vectors.vectors.get(p))).min().orElseThrow();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                order.add(i);
            }
            double[] scores = documents.stream().mapToDouble(d -> cosine(a, fixture.vectors.vectors.get(d))).toArray();
            order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
            List<Integer> window = new ArrayList<>();
            for (int i : order) {
                String text = documents.get(i);
                if (!text.equals(anchor) && !entry.getValue().contains(text) && window.size() < rangeMax) {
                    window.add(i);
                }
            }
            List<Integer> passing = new ArrayList<>();
            for (int i : window) {
                double s = scores[i];
                boolean keep = (margin == null || s <= positive - margin)
                        && (relativeMargin == null || s <= positive - Math.abs(positive) * relativeMargin)
                        && (maxScore == null || s <= maxScore)
                        && (minScore == null || s >= minScore);
                if (keep) {
                    passing.add(i);
                }
            }
            List<Integer> eligible = passing.subList(Math.min(rangeMin, passing.size()), passing.size());
            expected.put(anchor, new Expected(anchor, entry.getValue(), eligible.stream().map(documents::get).toList(),
                    eligible.stream().map(i -> scores[i]).toList()));
        }
        return expected;
    }

    static double cosine(float[] x, float[] y) {
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            xx += (double) x[i] * x[i];
            yy += (double) y[i] * y[i];
        }
        return dot / (Math.sqrt(xx) * Math.sqrt(yy));
    }
}
