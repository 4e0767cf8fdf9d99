/**
 * Converters between data formats, the {@code data-converters} plugin:
 * {@link dev.contrastive4j.converters.TripletToScoredPairs} ({@code triplet-to-scored-pairs}) and
 * {@link dev.contrastive4j.converters.TripletToPairs} ({@code triplet-to-pairs}).
 *
 * <p>Each converter works on rows of text (for {@code c4j convert} and for encoder-level losses) and on embedded
 * columns (for embedding-level losses in a weighted combination, so that no text is embedded twice); both
 * levels give the same rows in the same order.
 */
package dev.contrastive4j.converters;
