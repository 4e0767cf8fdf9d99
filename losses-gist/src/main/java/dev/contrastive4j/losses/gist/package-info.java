/**
 * Guided in-batch negatives: {@link dev.contrastive4j.losses.gist.GISTEmbedLoss} ({@code gist}) and its
 * gradient-cached variant {@link dev.contrastive4j.losses.gist.CachedGISTEmbedLoss} ({@code cgist}).
 *
 * <p>Both rank each anchor's positive above the batch's other texts, like MultipleNegativesRankingLoss, but first
 * ask a frozen guide model which of those texts are false negatives. The guide is loaded once through the core's
 * {@link dev.contrastive4j.spi.FrozenModels} (injected into the factories; the core shares one model per run), runs in inference mode on the
 * batch's texts, and never receives gradients. The mathematics lives in
 * {@link dev.contrastive4j.losses.gist.GistObjective}, a function of the student's and the guide's embeddings.
 *
 * <p>{@link dev.contrastive4j.losses.gist.MarginMSELoss} ({@code margin-mse}) uses a frozen model the other way:
 * as a teacher whose margins q·p − q·n the student regresses onto.
 *
 * <p>The main code uses the SPI package only, like any third-party plugin.
 */
package dev.contrastive4j.losses.gist;
