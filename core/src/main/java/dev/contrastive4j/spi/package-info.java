/**
 * The contract that loss and converter plugins compile against. Keep it small and stable.
 *
 * <h2>Data</h2>
 * Rows are immutable records of one {@link dev.contrastive4j.spi.DataFormat}: {@link dev.contrastive4j.spi.Triplet}
 * (anchor, positive, one or more negatives, and optionally a teacher's margin per negative, since SPI 1.3),
 * {@link dev.contrastive4j.spi.Pair} and
 * {@link dev.contrastive4j.spi.ScoredPair} (score in [0, 1]). Losses see them column by column, as a
 * {@link dev.contrastive4j.spi.Batch} of texts or an {@link dev.contrastive4j.spi.EmbeddedBatch} of embeddings.
 *
 * <h2>Losses</h2>
 * A plugin registers a {@link dev.contrastive4j.spi.LossFactory} under a name. The factory describes the loss
 * ({@link dev.contrastive4j.spi.LossDescriptor}: name, aliases, accepted formats, typed parameters) and creates
 * it from validated {@link dev.contrastive4j.spi.ParameterValues}. A loss implements one of two contracts:
 * <ul>
 *   <li>{@link dev.contrastive4j.spi.EmbeddingLoss} — embeddings in, scalar out. The trainer embeds every
 *       column once (with a graph), calls every embedding loss of a weighted combination on the same
 *       embeddings, and back-propagates {@code Σ weight_i × L_i} in one backward pass.</li>
 *   <li>{@link dev.contrastive4j.spi.EncoderLoss} — the loss gets the texts, the
 *       {@link dev.contrastive4j.spi.Embedder} and a {@link dev.contrastive4j.spi.LossContext}, and runs its own
 *       forward and backward passes, adding {@code weight × ∂L/∂θ} to the parameters' gradients. This is for
 *       losses that must control how texts are embedded, such as gradient caching.</li>
 * </ul>
 * In a pass that records a graph, numbers that a loss multiplies, divides, compares or raises by go in as
 * {@link dev.contrastive4j.spi.GraphScalars#of} arrays, never as Java numbers (which DJL backs with memory the
 * garbage collector may free before backward reads it).
 *
 * <h3>Worked example: an embedding-level loss</h3>
 * Cosine margin on triplets, {@code L = mean_i max(0, m − cos(a_i, p_i) + cos(a_i, n_i))}:
 * <pre>{@code
 * public final class CosineMarginFactory implements LossFactory {
 *     public LossDescriptor descriptor() {
 *         return LossDescriptor.builder("cosine-margin").summary("Hinge on cosine similarities.")
 *                 .formats(DataFormat.TRIPLET)
 *                 .parameter(ParameterSpec.number("margin", 0.2, "Required gap.").atLeast(0))
 *                 .build();
 *     }
 *
 *     public Loss create(ParameterValues parameters) {
 *         float margin = (float) parameters.getDouble("margin");
 *         return (EmbeddingLoss) batch -> {
 *             NDArray a = unit(batch.column(0)), p = unit(batch.column(1)), n = unit(batch.column(2));
 *             NDArray cosPositive = a.mul(p).sum(new int[] {1});
 *             NDArray cosNegative = a.mul(n).sum(new int[] {1});
 *             return cosNegative.sub(cosPositive).add(margin).maximum(GraphScalars.of(a, 0)).mean();
 *         };
 *     }
 *
 *     private static NDArray unit(NDArray x) {
 *         return x.div(x.norm(new int[] {1}, true).maximum(GraphScalars.of(x, 1e-12)));
 *     }
 * }
 * }</pre>
 * With a batch of two triplets whose embeddings give cosines (a·p, a·n) of (0.9, 0.8) and (0.5, 0.1) and
 * margin 0.2, the rows contribute max(0, 0.2 − 0.9 + 0.8) = 0.1 and max(0, 0.2 − 0.5 + 0.1) = 0, so L = 0.05.
 *
 * <h3>Worked example: an encoder-level loss</h3>
 * The same loss, but embedding the columns itself, with the seeds of {@link dev.contrastive4j.spi.LossContext}'s
 * dropout-seed rule (a cached loss hands its objective to {@link dev.contrastive4j.spi.GradCache}, which embeds in
 * mini-batches without a graph first, then replays each mini-batch with a graph):
 * <pre>{@code
 * return (EncoderLoss) (batch, context, weight) -> {
 *     Embedder encoder = context.encoder();
 *     NDArray a = encoder.embedWithGradient(batch.column(0), context.manager(), context.stepSeed());
 *     NDArray p = encoder.embedWithGradient(batch.column(1), context.manager(), context.stepSeed() + 1);
 *     NDArray n = encoder.embedWithGradient(batch.column(2), context.manager(), context.stepSeed() + 2);
 *     NDArray loss = hinge(a, p, n);          // as above
 *     context.backward(loss.mul(GraphScalars.of(loss, weight)));   // adds weight × ∂L/∂θ
 *     return loss.getFloat();                 // the unweighted value, for logging
 * };
 * }</pre>
 *
 * <h2>Converters</h2>
 * A {@link dev.contrastive4j.spi.ConverterFactory} turns one format into another, on rows of text and on
 * embedded columns alike, so that a pair loss can train on triplets without embedding any text twice.
 *
 * <h2>Registration</h2>
 * A plugin jar lists one {@link dev.contrastive4j.spi.PluginModule} (a Guice module) in
 * {@code META-INF/services/dev.contrastive4j.spi.PluginModule}; its {@code configure()} adds factories with
 * {@link dev.contrastive4j.spi.PluginBindings#losses} and {@link dev.contrastive4j.spi.PluginBindings#converters}.
 * Factories may {@code @Inject} services the core binds, such as {@link dev.contrastive4j.spi.FrozenModels} for a
 * guide or teacher model. Parameter or input problems are reported by throwing
 * {@link dev.contrastive4j.spi.ContrastiveException} with a one-line message.
 *
 * <h2>Compatibility</h2>
 * This package is versioned ({@link dev.contrastive4j.spi.SpiVersion#CURRENT}, {@code MAJOR.MINOR}). A plugin jar
 * names the version it was built against in its manifest attribute
 * {@value dev.contrastive4j.spi.SpiVersion#MANIFEST_ATTRIBUTE}; a plugin built for another major version, or a
 * newer minor one, is reported and skipped while the other plugins load. So is a plugin that throws while it
 * starts. The guide {@code docs/writing-a-plugin.md} walks from an empty folder to a loss that trains.
 */
package dev.contrastive4j.spi;
