package dev.contrastive4j.evaluation;

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
}
