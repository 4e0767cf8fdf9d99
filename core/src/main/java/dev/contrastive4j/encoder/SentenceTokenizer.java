package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hugging Face's tokenizer for one model (DJL's native {@link HuggingFaceTokenizer}, from a
 * {@code tokenizer.json}), with the model's limit made explicit: every text becomes
 * {@code [CLS] … [SEP]} ids, truncated to {@code maxSeqLength} tokens and never padded (batches pad
 * themselves, only to their longest member).
 *
 * <p>A {@code tokenizer.json} may carry its own truncation and padding (the one bundled with
 * all-MiniLM-L6-v2 in langchain4j truncates and pads to 128); both are overridden here.
 *
 * <p>Holds native memory: close it.
 */
public final class SentenceTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final ObjectNode json;
    private final int maxSeqLength;
    private final boolean lowerCaseInput;
    private final long padId;

    private SentenceTokenizer(HuggingFaceTokenizer tokenizer, ObjectNode json, int maxSeqLength,
            boolean lowerCaseInput) {
        this.tokenizer = tokenizer;
        this.json = json;
        this.maxSeqLength = maxSeqLength;
        this.lowerCaseInput = lowerCaseInput;
        this.padId = padId(json);
    }

    /**
     * Builds the tokenizer from the text of a {@code tokenizer.json}.
     *
     * @param maxSeqLength most tokens per text, {@code [CLS]} and {@code [SEP]} included
     * @param lowerCaseInput whether to lower-case texts before tokenising (sentence-transformers'
     *     {@code do_lower_case}; uncased BERT tokenizers lower-case by themselves and leave this false)
     * @param source names the file in error messages
     */
    public static SentenceTokenizer fromJson(String tokenizerJson, int maxSeqLength, boolean lowerCaseInput,
            String source) {
        if (maxSeqLength < 2) {
            throw new IllegalArgumentException("max_seq_length must be at least 2 ([CLS] and [SEP]), found "
                    + maxSeqLength);
        }
        ObjectNode json = JsonFiles.parseObject(tokenizerJson, source);
        PyTorchRuntime.configureDefaults(); // the tracking opt-out also covers the tokenizer library
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(maxSeqLength),
                "modelMaxLength", Integer.toString(maxSeqLength));
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(tokenizerJson.getBytes(StandardCharsets.UTF_8)), options);
            return new SentenceTokenizer(tokenizer, json, maxSeqLength, lowerCaseInput);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + source, e);
        } catch (RuntimeException e) {
            throw new ContrastiveException(
                    source + ": expected a Hugging Face tokenizer.json, the tokenizer library refused it: "
                            + e.getMessage(), e);
        }
    }

    /** Token ids of each text, {@code [CLS]} first and {@code [SEP]} last, at most {@link #maxSeqLength()} long. */
    public List<long[]> tokenize(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<String> input = lowerCaseInput ? texts.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList() : texts;
        Encoding[] encodings = tokenizer.batchEncode(input);
        List<long[]> ids = new ArrayList<>(encodings.length);
        for (Encoding encoding : encodings) {
            ids.add(encoding.getIds());
        }
        return ids;
    }

    /** Most tokens per text. */
    public int maxSeqLength() {
        return maxSeqLength;
    }

    /** Whether texts are lower-cased before tokenising (sentence-transformers' {@code do_lower_case}). */
    public boolean lowerCaseInput() {
        return lowerCaseInput;
    }

    /** One more than the largest token id the tokenizer can produce (its vocabulary and added tokens). */
    public long vocabularySize() {
        long size = 0;
        JsonNode vocab = json.path("model").path("vocab");
        if (vocab.isObject()) {
            for (JsonNode id : vocab) {
                size = Math.max(size, id.asLong() + 1);
            }
        } else if (vocab.isArray()) {
            size = vocab.size(); // Unigram: [piece, score] pairs, the id is the position
        }
        for (JsonNode added : json.path("added_tokens")) {
            size = Math.max(size, added.path("id").asLong() + 1);
        }
        return size;
    }

    /** The id that fills padding positions. */
    public long padId() {
        return padId;
    }

    /**
     * The {@code tokenizer.json} to save with the model: the original, with its truncation set to
     * {@code maxSeqLength} and its padding removed, so that any reader tokenises as this encoder does.
     */
    public ObjectNode jsonForSaving() {
        ObjectNode copy = json.deepCopy();
        ObjectNode truncation = copy.putObject("truncation");
        truncation.put("direction", "Right");
        truncation.put("max_length", maxSeqLength);
        truncation.put("strategy", "LongestFirst");
        truncation.put("stride", 0);
        copy.putNull("padding");
        return copy;
    }

    /**
     * The {@code tokenizer.json} for runtimes that read nothing else (ONNX Runtime users, LangChain4j):
     * {@link #jsonForSaving()}, and when this encoder lower-cases texts itself ({@code do_lower_case}) but the
     * tokenizer does not, a {@code Lowercase} normaliser first, so that the file alone tokenises as this encoder
     * does. Lower-casing twice changes nothing, so this encoder reads the file back unchanged.
     */
    public ObjectNode jsonForStandaloneUse() {
        ObjectNode copy = jsonForSaving();
        JsonNode normalizer = copy.path("normalizer");
        if (!lowerCaseInput || lowercases(normalizer)) {
            return copy;
        }
        ObjectNode lowercase = JsonFiles.newObject().put("type", "Lowercase");
        if (normalizer.isObject()) {
            ObjectNode sequence = JsonFiles.newObject().put("type", "Sequence");
            sequence.putArray("normalizers").add(lowercase).add(normalizer);
            copy.set("normalizer", sequence);
        } else {
            copy.set("normalizer", lowercase);
        }
        return copy;
    }

    /** Whether a {@code tokenizer.json} normaliser lower-cases (itself or one of a sequence). */
    private static boolean lowercases(JsonNode normalizer) {
        return switch (normalizer.path("type").asText()) {
            case "Lowercase" -> true;
            case "BertNormalizer" -> normalizer.path("lowercase").asBoolean(true);
            case "Sequence" -> {
                for (JsonNode part : normalizer.path("normalizers")) {
                    if (lowercases(part)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    /**
     * A {@code tokenizer_config.json} for Hugging Face's {@code AutoTokenizer}: a BERT WordPiece tokenizer with
     * the lower-casing, special tokens and length limit this {@code tokenizer.json} implies.
     */
    public ObjectNode huggingFaceTokenizerConfig() {
        JsonNode normalizer = json.path("normalizer");
        JsonNode vocab = json.path("model").path("vocab");
        ObjectNode config = JsonFiles.newObject();
        config.put("tokenizer_class", "BertTokenizer");
        config.put("do_lower_case", normalizer.path("lowercase").asBoolean(true));
        config.put("tokenize_chinese_chars", normalizer.path("handle_chinese_chars").asBoolean(true));
        JsonNode stripAccents = normalizer.path("strip_accents");
        if (stripAccents.isBoolean()) {
            config.put("strip_accents", stripAccents.asBoolean());
        } else {
            config.putNull("strip_accents");
        }
        config.put("model_max_length", maxSeqLength);
        config.put("clean_up_tokenization_spaces", true);
        String[][] specials = {
            {"unk_token", json.path("model").path("unk_token").asText("[UNK]")},
            {"cls_token", "[CLS]"}, {"sep_token", "[SEP]"}, {"pad_token", "[PAD]"}, {"mask_token", "[MASK]"}};
        for (String[] special : specials) {
            if (vocab.has(special[1])) {
                config.put(special[0], special[1]);
            }
        }
        return config;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static long padId(ObjectNode json) {
        JsonNode padding = json.path("padding");
        if (padding.has("pad_id")) {
            return padding.get("pad_id").asLong();
        }
        JsonNode pad = json.path("model").path("vocab").path("[PAD]");
        return pad.isIntegralNumber() ? pad.asLong() : 0;
    }
}
