package dev.contrastive4j.encoder;

import dev.contrastive4j.prompts.ModelPrompts;

/**
 * What a sentence-transformers model adds to the bare BERT: how texts are cut and how token vectors become
 * one sentence vector ({@code sentence_bert_config.json}, {@code 1_Pooling/config.json}, {@code 2_Normalize}), and
 * its named prompts ({@code config_sentence_transformers.json}).
 *
 * @param pooling the pooling module
 * @param normalize whether sentence vectors are scaled to unit L2 length (a {@code Normalize} module)
 * @param maxSeqLength most tokens per text, {@code [CLS]} and {@code [SEP]} included ({@code max_seq_length})
 * @param doLowerCase whether texts are lower-cased before tokenising ({@code do_lower_case})
 * @param prompts the model's own prompts ({@code prompts}, {@code default_prompt_name}); applied only where a
 *     job asks for them (see {@link dev.contrastive4j.prompts.Prompts})
 */
public record EncoderSettings(PoolingConfig pooling, boolean normalize, int maxSeqLength, boolean doLowerCase,
        ModelPrompts prompts) {

    public EncoderSettings {
        java.util.Objects.requireNonNull(pooling, "pooling");
        java.util.Objects.requireNonNull(prompts, "prompts");
        if (maxSeqLength < 2) {
            throw new IllegalArgumentException("max_seq_length must be at least 2, found " + maxSeqLength);
        }
    }

    /** Settings of a model without prompts. */
    public EncoderSettings(PoolingConfig pooling, boolean normalize, int maxSeqLength, boolean doLowerCase) {
        this(pooling, normalize, maxSeqLength, doLowerCase, ModelPrompts.NONE);
    }

    /** These settings with another token limit. */
    public EncoderSettings withMaxSeqLength(int value) {
        return new EncoderSettings(pooling, normalize, value, doLowerCase, prompts);
    }

    /** These settings with other prompts. */
    public EncoderSettings withPrompts(ModelPrompts value) {
        return new EncoderSettings(pooling, normalize, maxSeqLength, doLowerCase, value);
    }
}
