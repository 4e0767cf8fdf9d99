package dev.contrastive4j.encoder;

/**
 * What a sentence-transformers model adds to the bare BERT: how texts are cut and how token vectors become
 * one sentence vector ({@code sentence_bert_config.json}, {@code 1_Pooling/config.json}, {@code 2_Normalize}).
 *
 * @param pooling the pooling module
 * @param normalize whether sentence vectors are scaled to unit L2 length (a {@code Normalize} module)
 * @param maxSeqLength most tokens per text, {@code [CLS]} and {@code [SEP]} included ({@code max_seq_length})
 * @param doLowerCase whether texts are lower-cased before tokenising ({@code do_lower_case})
 */
public record EncoderSettings(PoolingConfig pooling, boolean normalize, int maxSeqLength, boolean doLowerCase) {

    public EncoderSettings {
        java.util.Objects.requireNonNull(pooling, "pooling");
        if (maxSeqLength < 2) {
            throw new IllegalArgumentException("max_seq_length must be at least 2, found " + maxSeqLength);
        }
    }
}
