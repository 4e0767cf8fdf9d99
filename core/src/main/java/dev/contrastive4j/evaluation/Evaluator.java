package dev.contrastive4j.evaluation;

import dev.contrastive4j.prompts.ColumnPrompts;

/**
 * Measures how good an embedding model is on one held-out data set.
 *
 * <p>An evaluator owns its data (triplets, scored pairs, queries and a corpus…), validated when it is
 * built; {@link #evaluate} embeds what it needs through the given {@link TextEmbedder} and returns
 * metrics named by the constants in {@link Metrics}. The trainer calls it every N steps and at the end of
 * a run; the command line and the comparison report call it on saved models. Evaluating the same
 * embedder twice gives the same result.
 */
public interface Evaluator {

    /** The name that labels this evaluator's results in logs and reports, e.g. {@code "triplet"}. */
    String name();

    /**
     * Embeds this evaluator's texts with {@code embedder} and computes its metrics.
     *
     * @param embedder the model under evaluation
     * @return this evaluator's metrics, in a fixed order, labelled with {@link #name()}
     */
    EvaluationResult evaluate(TextEmbedder embedder);

    /**
     * This evaluator on its data with each column's prompt in front of its texts (queries and anchors take the
     * anchor's prompt, documents and positives the positive's, and so on; see {@link ColumnPrompts}).
     *
     * @param prompts the prompts per column
     * @return an evaluator on the prompted data; this one when there are no prompts
     * @throws dev.contrastive4j.spi.ContrastiveException if this evaluator cannot apply prompts (the default,
     *     for evaluators that do not say which column a text belongs to)
     */
    default Evaluator withPrompts(ColumnPrompts prompts) {
        if (prompts.isEmpty()) {
            return this;
        }
        throw new dev.contrastive4j.spi.ContrastiveException("evaluator '" + name() + "' ("
                + getClass().getName() + ") cannot apply prompts: it does not say which column its texts belong to");
    }
}
