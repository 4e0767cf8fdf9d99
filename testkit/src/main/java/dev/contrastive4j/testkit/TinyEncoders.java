package dev.contrastive4j.testkit;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import java.nio.file.Path;

/**
 * The project's tiny random BERT (core's {@link TinyBert}: 2 layers, hidden size 32, a 110-token vocabulary, mean
 * pooling, normalised), for tests that need a real trainable encoder or a frozen guide model and must stay fast.
 * The same seed gives the same weights on every machine. Texts should use the tiny vocabulary's words (the, a,
 * cat, dog, sat, ran, red, big, mat, …); other words fall back to letters.
 */
public final class TinyEncoders {

    private TinyEncoders() {
    }

    /**
     * A tiny BERT with 0.1 dropout, as a model in training has.
     *
     * @param seed draws the weights
     * @return the encoder; close it
     */
    public static SentenceEncoder bert(long seed) {
        return TinyBert.create(seed);
    }

    /**
     * A tiny BERT with a chosen dropout rate; 0 makes every pass deterministic whatever its seed.
     *
     * @param seed draws the weights
     * @param dropout hidden and attention dropout rate
     * @return the encoder; close it
     */
    public static SentenceEncoder bert(long seed, double dropout) {
        return TinyBert.create(seed, dropout);
    }

    /**
     * Saves a tiny BERT as a sentence-transformers folder, for a loss that loads a model by path (a guide, a
     * teacher: {@code gist(guide=/tmp/…/guide)}).
     *
     * @param folder where to write it (created)
     * @param seed draws the weights
     * @return {@code folder}
     */
    public static Path saveBert(Path folder, long seed) {
        try (SentenceEncoder encoder = TinyBert.create(seed)) {
            encoder.save(folder);
        }
        return folder;
    }
}
