/**
 * Data converters and dataset builders: code that turns one data source or format into the rows that the
 * trainer and the evaluators read. Builders are pure (source in, rows out) and their writers are
 * byte-for-byte reproducible, so that bundled datasets can be rebuilt and checked.
 *
 * <p>The converters, registered by {@link dev.contrastive4j.converters.ConvertersPlugin}:
 * {@link dev.contrastive4j.converters.TripletToScoredPairs} ({@code triplet-to-scored-pairs}) and
 * {@link dev.contrastive4j.converters.TripletToPairs} ({@code triplet-to-pairs}). Each works on rows of text
 * (for {@code c4j convert} and for encoder-level losses) and on embedded columns (for embedding-level losses in
 * a weighted combination, so that no text is embedded twice); both levels give the same rows in the same order.
 */
package dev.contrastive4j.converters;
