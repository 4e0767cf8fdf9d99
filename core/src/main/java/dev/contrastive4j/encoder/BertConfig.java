package dev.contrastive4j.encoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Path;

/**
 * The shape and hyper-parameters of a BERT encoder, as Hugging Face's {@code config.json} states them.
 *
 * @param vocabSize rows of the word-embedding table ({@code vocab_size})
 * @param hiddenSize width of every token vector ({@code hidden_size})
 * @param numHiddenLayers number of transformer layers ({@code num_hidden_layers})
 * @param numAttentionHeads attention heads per layer; must divide {@code hiddenSize} ({@code num_attention_heads})
 * @param intermediateSize width of the feed-forward layer ({@code intermediate_size})
 * @param hiddenAct feed-forward activation; only {@code "gelu"} (the exact erf GELU) is supported ({@code hidden_act})
 * @param hiddenDropoutProb dropout after embeddings and after each dense output ({@code hidden_dropout_prob})
 * @param attentionProbsDropoutProb dropout on the attention probabilities ({@code attention_probs_dropout_prob})
 * @param maxPositionEmbeddings longest sequence the position table covers ({@code max_position_embeddings})
 * @param typeVocabSize rows of the token-type table ({@code type_vocab_size})
 * @param layerNormEps epsilon of every LayerNorm ({@code layer_norm_eps})
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        String hiddenAct,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double layerNormEps) {

    /** The only activation implemented: Hugging Face's {@code "gelu"}, i.e. {@code 0.5·x·(1 + erf(x/√2))}. */
    public static final String EXACT_GELU = "gelu";

    public BertConfig {
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requirePositive("num_hidden_layers", numHiddenLayers);
        requirePositive("num_attention_heads", numAttentionHeads);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        requirePositive("type_vocab_size", typeVocabSize);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " must be a multiple of num_attention_heads " + numAttentionHeads);
        }
        if (!EXACT_GELU.equals(hiddenAct)) {
            throw new IllegalArgumentException("hidden_act must be \"gelu\" (the exact erf GELU), found \""
                    + hiddenAct + "\"");
        }
        requireProbability("hidden_dropout_prob", hiddenDropoutProb);
        requireProbability("attention_probs_dropout_prob", attentionProbsDropoutProb);
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be > 0, found " + layerNormEps);
        }
    }

    /** Width of one attention head. */
    public int attentionHeadSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** The same model with other dropout rates (0 turns dropout off, e.g. for exact comparisons in tests). */
    public BertConfig withDropout(double hidden, double attention) {
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                hiddenAct, hidden, attention, maxPositionEmbeddings, typeVocabSize, layerNormEps);
    }

    /** Reads a Hugging Face {@code config.json}; refuses models that are not plain BERT. */
    public static BertConfig read(Path configJson) {
        return fromJson(JsonFiles.readObject(configJson), configJson.toString());
    }

    /**
     * Builds the config from the JSON object of a {@code config.json}.
     *
     * @param source names the file in error messages
     */
    public static BertConfig fromJson(ObjectNode json, String source) {
        String modelType = JsonFiles.optionalString(json, "model_type", "bert", source);
        if (!"bert".equals(modelType)) {
            throw new ContrastiveException(source + ": field 'model_type' must be \"bert\", found \""
                    + modelType + "\" (only BERT encoders are supported)");
        }
        String positions = JsonFiles.optionalString(json, "position_embedding_type", "absolute", source);
        if (!"absolute".equals(positions)) {
            throw new ContrastiveException(source + ": field 'position_embedding_type' must be \"absolute\", found \""
                    + positions + "\"");
        }
        try {
            return new BertConfig(
                    JsonFiles.requireInt(json, "vocab_size", source),
                    JsonFiles.requireInt(json, "hidden_size", source),
                    JsonFiles.requireInt(json, "num_hidden_layers", source),
                    JsonFiles.requireInt(json, "num_attention_heads", source),
                    JsonFiles.requireInt(json, "intermediate_size", source),
                    JsonFiles.optionalString(json, "hidden_act", EXACT_GELU, source),
                    JsonFiles.optionalDouble(json, "hidden_dropout_prob", 0.1, source),
                    JsonFiles.optionalDouble(json, "attention_probs_dropout_prob", 0.1, source),
                    JsonFiles.optionalInt(json, "max_position_embeddings", 512, source),
                    JsonFiles.optionalInt(json, "type_vocab_size", 2, source),
                    JsonFiles.optionalDouble(json, "layer_norm_eps", 1e-12, source));
        } catch (IllegalArgumentException e) {
            throw new ContrastiveException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code config.json} content that Hugging Face {@code transformers} needs to rebuild this model as a
     * {@code BertModel}.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonFiles.newObject();
        json.putArray("architectures").add("BertModel");
        json.put("model_type", "bert");
        json.put("vocab_size", vocabSize);
        json.put("hidden_size", hiddenSize);
        json.put("num_hidden_layers", numHiddenLayers);
        json.put("num_attention_heads", numAttentionHeads);
        json.put("intermediate_size", intermediateSize);
        json.put("hidden_act", hiddenAct);
        json.put("hidden_dropout_prob", hiddenDropoutProb);
        json.put("attention_probs_dropout_prob", attentionProbsDropoutProb);
        json.put("max_position_embeddings", maxPositionEmbeddings);
        json.put("type_vocab_size", typeVocabSize);
        json.put("layer_norm_eps", layerNormEps);
        json.put("initializer_range", 0.02);
        json.put("pad_token_id", 0);
        json.put("position_embedding_type", "absolute");
        json.put("torch_dtype", "float32");
        json.put("use_cache", true);
        return json;
    }

    /** Writes {@link #toJson()} to a file. */
    public void write(Path configJson) {
        JsonFiles.write(configJson, toJson());
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, found " + value);
        }
    }

    private static void requireProbability(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), found " + value);
        }
    }
}
