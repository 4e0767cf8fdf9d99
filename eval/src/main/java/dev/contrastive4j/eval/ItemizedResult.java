package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.EvaluationResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An evaluation result together with the per-item values behind some of its metrics: what a paired test
 * between two models on the same test items needs (see {@link PairedBootstrap}).
 *
 * <p>For each metric in {@link #items()}, the array holds one value per test item, always in the same item
 * order for the same evaluator, and the metric is the mean of the array: triplet accuracy is the mean of
 * 0/1 outcomes per comparison, MRR@10 the mean of per-query reciprocal ranks.
 *
 * @param result every metric, as {@link dev.contrastive4j.evaluation.Evaluator#evaluate} reports it
 * @param items metric name → per-item values (arrays are not copied: treat them as read-only); may be empty
 */
public record ItemizedResult(EvaluationResult result, Map<String, double[]> items) {

    public ItemizedResult {
        Objects.requireNonNull(result, "result");
        Map<String, double[]> copy = new LinkedHashMap<>();
        items.forEach((metric, values) -> {
            if (!result.has(metric)) {
                throw new IllegalArgumentException("items for metric '" + metric + "', which evaluator '"
                        + result.evaluator() + "' does not report");
            }
            copy.put(metric, Objects.requireNonNull(values, metric));
        });
        items = Collections.unmodifiableMap(copy);
    }

    /** A result without per-item values. */
    public static ItemizedResult withoutItems(EvaluationResult result) {
        return new ItemizedResult(result, Map.of());
    }

    /** The same metrics and items under another evaluator name. */
    ItemizedResult renamed(String evaluator) {
        return new ItemizedResult(new EvaluationResult(evaluator, result.metrics()), items);
    }
}
