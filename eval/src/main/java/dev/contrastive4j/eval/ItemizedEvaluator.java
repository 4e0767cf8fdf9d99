package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.evaluation.TextEmbedder;

/**
 * An evaluator whose main metric is a mean over test items, and which can report each item's value, so that
 * two models can be compared item by item ({@link PairedBootstrap}) rather than only by their means.
 */
public interface ItemizedEvaluator extends Evaluator {

    /**
     * Evaluates as {@link #evaluate} does, embedding each text once, and keeps the per-item values.
     *
     * @return the same metrics as {@link #evaluate}, with the per-item values of this evaluator's main metric
     */
    ItemizedResult evaluateItemized(TextEmbedder embedder);
}
