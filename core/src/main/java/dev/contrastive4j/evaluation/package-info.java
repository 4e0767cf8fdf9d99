/**
 * The evaluator contract: how the trainer, the command line and reports ask for a model's quality
 * without knowing which evaluators exist.
 *
 * <ul>
 *   <li>{@link dev.contrastive4j.evaluation.TextEmbedder} — the model under evaluation, texts in, float
 *       embeddings out (the sentence encoder implements it for inference; tests use fixed vectors);</li>
 *   <li>{@link dev.contrastive4j.evaluation.Evaluator} — owns a held-out data set and returns an
 *       {@link dev.contrastive4j.evaluation.EvaluationResult};</li>
 *   <li>{@link dev.contrastive4j.evaluation.EvaluationResult} — the evaluator's name and an ordered map of
 *       metric values, printable as a table and writable as JSON;</li>
 *   <li>{@link dev.contrastive4j.evaluation.Metrics} — every metric name, spelled once.</li>
 * </ul>
 * The evaluators themselves (triplet accuracy, embedding similarity, information retrieval) live in the
 * {@code contrastive4j-eval} module.
 */
package dev.contrastive4j.evaluation;
