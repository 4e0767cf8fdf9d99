/**
 * Pair losses on scored pairs, the {@code losses-angle} plugin: on graded similarity scores {@link
 * dev.contrastive4j.losses.angle.AnglELoss} ({@code angle}), {@link dev.contrastive4j.losses.angle.CoSENTLoss}
 * ({@code cosent}) and {@link dev.contrastive4j.losses.angle.CosineSimilarityLoss} ({@code cosine}); on binary
 * labels (1 similar, 0 dissimilar) {@link dev.contrastive4j.losses.angle.ContrastiveLoss} ({@code contrastive})
 * and {@link dev.contrastive4j.losses.angle.OnlineContrastiveLoss} ({@code online-contrastive}).
 *
 * <p>All five accept {@code scored-pair} data. On triplet data the trainer puts the
 * {@code triplet-to-scored-pairs} converter (data-converters module) in front of them, which works on the
 * embedded columns, so a combination such as {@code 0.7*angle + 0.3*triplet} still embeds every text once.
 * The code here compiles against core's {@code dev.contrastive4j.spi} package only.
 */
package dev.contrastive4j.losses.angle;
