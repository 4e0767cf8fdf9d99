package dev.contrastive4j.encoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Path;

/**
 * How token vectors become one sentence vector: sentence-transformers' {@code 1_Pooling/config.json}.
 *
 * <p>Each enabled mode yields one {@code wordEmbeddingDimension}-wide vector; with several enabled they are
 * concatenated in sentence-transformers' order: CLS, max, mean, mean·√length.
 *
 * @param wordEmbeddingDimension width of the token vectors ({@code word_embedding_dimension})
 * @param clsToken the first token's vector ({@code pooling_mode_cls_token})
 * @param meanTokens the mean over real (non-padding) tokens ({@code pooling_mode_mean_tokens})
 * @param maxTokens the element-wise maximum over real tokens ({@code pooling_mode_max_tokens})
 * @param meanSqrtLenTokens the sum over real tokens divided by √(count) ({@code pooling_mode_mean_sqrt_len_tokens})
 */
public record PoolingConfig(
        int wordEmbeddingDimension, boolean clsToken, boolean meanTokens, boolean maxTokens, boolean meanSqrtLenTokens) {

    /** File name inside the pooling module's folder. */
    public static final String FILE_NAME = "config.json";

    public PoolingConfig {
        if (wordEmbeddingDimension <= 0) {
            throw new IllegalArgumentException("word_embedding_dimension must be > 0, found " + wordEmbeddingDimension);
        }
        if (modeCount(clsToken, meanTokens, maxTokens, meanSqrtLenTokens) == 0) {
            throw new IllegalArgumentException("at least one pooling mode must be enabled");
        }
    }

    /** Mean pooling, what all-MiniLM-L6-v2 uses. */
    public static PoolingConfig mean(int wordEmbeddingDimension) {
        return new PoolingConfig(wordEmbeddingDimension, false, true, false, false);
    }

    /** CLS pooling. */
    public static PoolingConfig cls(int wordEmbeddingDimension) {
        return new PoolingConfig(wordEmbeddingDimension, true, false, false, false);
    }

    /** Max pooling. */
    public static PoolingConfig max(int wordEmbeddingDimension) {
        return new PoolingConfig(wordEmbeddingDimension, false, false, true, false);
    }

    /** Width of the pooled sentence vector. */
    public int outputDimension() {
        return wordEmbeddingDimension * modeCount(clsToken, meanTokens, maxTokens, meanSqrtLenTokens);
    }

    /** Reads a sentence-transformers pooling {@code config.json}; refuses the modes this encoder lacks. */
    public static PoolingConfig read(Path configJson) {
        String source = configJson.toString();
        ObjectNode json = JsonFiles.readObject(configJson);
        for (String unsupported : new String[] {"pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"}) {
            if (JsonFiles.optionalBoolean(json, unsupported, false, source)) {
                throw new ContrastiveException(source + ": field '" + unsupported
                        + "' is true, but only CLS, mean, max and mean_sqrt_len pooling are supported");
            }
        }
        if (!JsonFiles.optionalBoolean(json, "include_prompt", true, source)) {
            // Prompts are put in front of the texts (see dev.contrastive4j.prompts), so their tokens are pooled too.
            throw new ContrastiveException(source + ": field 'include_prompt' is false (prompt tokens left out of"
                    + " pooling), but this encoder pools every token, the prompt's included; set it to true to pool"
                    + " them as well, which changes the model's embeddings");
        }
        try {
            return new PoolingConfig(
                    JsonFiles.requireInt(json, "word_embedding_dimension", source),
                    JsonFiles.optionalBoolean(json, "pooling_mode_cls_token", false, source),
                    JsonFiles.optionalBoolean(json, "pooling_mode_mean_tokens", false, source),
                    JsonFiles.optionalBoolean(json, "pooling_mode_max_tokens", false, source),
                    JsonFiles.optionalBoolean(json, "pooling_mode_mean_sqrt_len_tokens", false, source));
        } catch (IllegalArgumentException e) {
            throw new ContrastiveException(source + ": " + e.getMessage(), e);
        }
    }

    /** The JSON sentence-transformers writes for this pooling (every field of its {@code Pooling} module). */
    public ObjectNode toJson() {
        ObjectNode json = JsonFiles.newObject();
        json.put("word_embedding_dimension", wordEmbeddingDimension);
        json.put("pooling_mode_cls_token", clsToken);
        json.put("pooling_mode_mean_tokens", meanTokens);
        json.put("pooling_mode_max_tokens", maxTokens);
        json.put("pooling_mode_mean_sqrt_len_tokens", meanSqrtLenTokens);
        json.put("pooling_mode_weightedmean_tokens", false);
        json.put("pooling_mode_lasttoken", false);
        json.put("include_prompt", true);
        return json;
    }

    /** Writes {@link #toJson()} to a file. */
    public void write(Path configJson) {
        JsonFiles.write(configJson, toJson());
    }

    private static int modeCount(boolean... modes) {
        int count = 0;
        for (boolean mode : modes) {
            count += mode ? 1 : 0;
        }
        return count;
    }
}
