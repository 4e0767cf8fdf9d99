package dev.contrastive4j.encoder.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Hugging Face names of a BERT encoder's weights ({@code BertModel.state_dict()} without a task head), and
 * their normalisation.
 *
 * <p>Layout is Hugging Face's: embeddings {@code [rows, hidden]}, Linear weights {@code [out, in]}, biases and
 * LayerNorm parameters {@code [size]}.
 */
public final class BertWeightNames {

    public static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    public static final String POSITION_EMBEDDINGS = "embeddings.position_embeddings.weight";
    public static final String TOKEN_TYPE_EMBEDDINGS = "embeddings.token_type_embeddings.weight";
    public static final String EMBEDDINGS_LAYER_NORM_WEIGHT = "embeddings.LayerNorm.weight";
    public static final String EMBEDDINGS_LAYER_NORM_BIAS = "embeddings.LayerNorm.bias";
    public static final String POOLER_WEIGHT = "pooler.dense.weight";
    public static final String POOLER_BIAS = "pooler.dense.bias";

    /** The Linear sub-modules of one encoder layer, in Hugging Face order. */
    public static final List<String> LAYER_LINEARS = List.of(
            "attention.self.query", "attention.self.key", "attention.self.value",
            "attention.output.dense", "intermediate.dense", "output.dense");

    /** The parameters of one encoder layer, relative to {@code encoder.layer.N.}, in Hugging Face order. */
    public static final List<String> LAYER_PARAMETERS = List.of(
            "attention.self.query.weight", "attention.self.query.bias",
            "attention.self.key.weight", "attention.self.key.bias",
            "attention.self.value.weight", "attention.self.value.bias",
            "attention.output.dense.weight", "attention.output.dense.bias",
            "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
            "intermediate.dense.weight", "intermediate.dense.bias",
            "output.dense.weight", "output.dense.bias",
            "output.LayerNorm.weight", "output.LayerNorm.bias");

    private static final String PREFIX = "bert.";
    private static final Pattern BERT_NAME = Pattern.compile("(embeddings|encoder\\.layer\\.\\d+|pooler)\\..+");
    private static final Pattern LINEAR_BIAS = Pattern.compile(
            "(encoder\\.layer\\.\\d+\\.(attention\\.self\\.(query|key|value)|attention\\.output\\.dense"
                    + "|intermediate\\.dense|output\\.dense)|pooler\\.dense)\\.bias");

    private BertWeightNames() {
    }

    /** {@code encoder.layer.<index>.<parameter>}. */
    public static String layer(int index, String parameter) {
        return "encoder.layer." + index + "." + parameter;
    }

    /** Every weight name of a BERT with {@code numLayers} layers, in Hugging Face order. */
    public static List<String> expectedNames(int numLayers, boolean pooler) {
        List<String> names = new ArrayList<>(List.of(WORD_EMBEDDINGS, POSITION_EMBEDDINGS, TOKEN_TYPE_EMBEDDINGS,
                EMBEDDINGS_LAYER_NORM_WEIGHT, EMBEDDINGS_LAYER_NORM_BIAS));
        for (int i = 0; i < numLayers; i++) {
            for (String parameter : LAYER_PARAMETERS) {
                names.add(layer(i, parameter));
            }
        }
        if (pooler) {
            names.add(POOLER_WEIGHT);
            names.add(POOLER_BIAS);
        }
        return names;
    }

    /**
     * One name in the unprefixed Hugging Face form: strips the {@code bert.} that task models
     * ({@code BertForMaskedLM}…) put in front, and renames the {@code LayerNorm.gamma}/{@code beta} of old
     * TensorFlow-converted checkpoints to {@code weight}/{@code bias}.
     */
    public static String normalize(String name) {
        String n = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        if (n.endsWith("LayerNorm.gamma")) {
            return n.substring(0, n.length() - "gamma".length()) + "weight";
        }
        if (n.endsWith("LayerNorm.beta")) {
            return n.substring(0, n.length() - "beta".length()) + "bias";
        }
        return n;
    }

    /**
     * {@link #normalize(String) Normalises} every name, keeping order and all other entries (e.g. task heads
     * such as {@code cls.predictions.*}) as they are.
     *
     * @param source the file the weights came from, for messages
     * @throws ModelFormatException if two names normalise to the same one
     */
    public static Map<String, FloatTensor> normalize(Map<String, FloatTensor> weights, String source) {
        Map<String, FloatTensor> normalized = new LinkedHashMap<>();
        Map<String, String> originals = new LinkedHashMap<>();
        weights.forEach((name, tensor) -> {
            String n = normalize(name);
            String clash = originals.putIfAbsent(n, name);
            if (clash != null) {
                throw new ModelFormatException(source + ": tensors '" + clash + "' and '" + name
                        + "' both stand for '" + n + "'");
            }
            normalized.put(n, tensor);
        });
        return normalized;
    }

    /** Whether a (normalised) name belongs to the BERT encoder: embeddings, encoder layers or pooler. */
    public static boolean isBertName(String name) {
        return BERT_NAME.matcher(name).matches();
    }

    /** Whether a (normalised) name is the bias of one of the encoder's Linear layers (or the pooler's). */
    public static boolean isLinearBias(String name) {
        return LINEAR_BIAS.matcher(name).matches();
    }
}
