package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A tiny random BERT sentence encoder for tests: 2 layers, hidden size 32, 2 heads, feed-forward 64, a
 * 110-token lower-casing WordPiece vocabulary ({@code [PAD]}=0, {@code [UNK]}=1, {@code [CLS]}=2,
 * {@code [SEP]}=3, {@code [MASK]}=4, punctuation, about 45 English words, the letters and their {@code ##}
 * continuations), mean pooling, normalised, at most 32 tokens per text.
 *
 * <p>Weights are drawn in Java from the seed, so the same seed gives the same model on every machine. It
 * builds in milliseconds and is the shared fixture for training tests in every module.
 */
public final class TinyBert {

    /** Most tokens per text. */
    public static final int MAX_SEQ_LENGTH = 32;

    private static final String TOKENIZER_RESOURCE = "tiny-bert-tokenizer.json";

    private TinyBert() {}

    /** The tiny model's BERT configuration, with the usual 0.1 dropout. */
    public static BertConfig config() {
        return new BertConfig(110, 32, 2, 2, 64, BertConfig.EXACT_GELU, 0.1, 0.1, 64, 2, 1e-12);
    }

    /** Mean pooling, normalised, {@value #MAX_SEQ_LENGTH} tokens. */
    public static EncoderSettings settings() {
        return new EncoderSettings(PoolingConfig.mean(config().hiddenSize()), true, MAX_SEQ_LENGTH, false);
    }

    /** The text of the tiny vocabulary's {@code tokenizer.json}. */
    public static String tokenizerJson() {
        try (InputStream in = TinyBert.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TOKENIZER_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tiny encoder with random weights from {@code seed} and 0.1 dropout. */
    public static SentenceEncoder create(long seed) {
        return create(config(), seed);
    }

    /** A tiny encoder whose dropout rate (hidden and attention) is {@code dropout}; 0 turns dropout off. */
    public static SentenceEncoder create(long seed, double dropout) {
        return create(config().withDropout(dropout, dropout), seed);
    }

    private static SentenceEncoder create(BertConfig config, long seed) {
        // Shapes come from a throw-away block description, the values from Java's seeded generator.
        BertModelBlock shapes = new BertModelBlock(config, false);
        try (var manager = PyTorchRuntime.newManager()) {
            shapes.initialize(manager);
            return SentenceEncoder.create(config, settings(), tokenizerJson(),
                    BlockWeights.random(shapes, seed), "tiny random BERT (seed " + seed + ")");
        }
    }
}
