/**
 * Ranking losses plugin: {@link dev.contrastive4j.losses.ranking.MultipleNegativesRankingLoss} ({@code mnrl}),
 * {@link dev.contrastive4j.losses.ranking.CachedMultipleNegativesRankingLoss} ({@code cmnrl}) and
 * {@link dev.contrastive4j.losses.ranking.TripletLoss} ({@code triplet}), registered by
 * {@link dev.contrastive4j.losses.ranking.RankingLossesPlugin}. Depends on the core's SPI package only.
 */
package dev.contrastive4j.losses.ranking;
