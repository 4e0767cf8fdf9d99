package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive4j.prompts.ModelPrompts;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving to and loading from the sentence-transformers folder layout, on the tiny model. */
class SentenceTransformersFolderTest {

    private static final List<String> TEXTS = List.of("the cat sat on the mat", "a quick brown fox", "night");

    private static SentenceEncoder tiny;

    @TempDir
    Path dir;

    @BeforeAll
    static void createModel() {
        tiny = TinyBert.create(3);
    }

    @AfterAll
    static void closeModel() {
        tiny.close();
    }

    @Test
    void savedFolderHasTheSentenceTransformersLayout() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);

        JsonNode modules = json(model.resolve("modules.json"));
        assertThat(modules.findValuesAsText("type")).containsExactly("sentence_transformers.models.Transformer",
                "sentence_transformers.models.Pooling", "sentence_transformers.models.Normalize");
        assertThat(modules.findValuesAsText("path")).containsExactly("", "1_Pooling", "2_Normalize");
        assertThat(json(model.resolve("config_sentence_transformers.json")).has("__version__")).isTrue();

        JsonNode sentenceBert = json(model.resolve("sentence_bert_config.json"));
        assertThat(sentenceBert.get("max_seq_length").asInt()).isEqualTo(TinyBert.MAX_SEQ_LENGTH);
        assertThat(sentenceBert.get("do_lower_case").asBoolean()).isFalse();

        JsonNode tokenizerConfig = json(model.resolve("tokenizer_config.json"));
        assertThat(tokenizerConfig.get("tokenizer_class").asText()).isEqualTo("BertTokenizer");
        assertThat(tokenizerConfig.get("do_lower_case").asBoolean()).isTrue();
        assertThat(tokenizerConfig.get("model_max_length").asInt()).isEqualTo(TinyBert.MAX_SEQ_LENGTH);
        assertThat(tokenizerConfig.get("cls_token").asText()).isEqualTo("[CLS]");
        assertThat(tokenizerConfig.get("sep_token").asText()).isEqualTo("[SEP]");
        assertThat(tokenizerConfig.get("pad_token").asText()).isEqualTo("[PAD]");
        assertThat(tokenizerConfig.get("unk_token").asText()).isEqualTo("[UNK]");
        assertThat(tokenizerConfig.get("mask_token").asText()).isEqualTo("[MASK]");

        JsonNode tokenizer = json(model.resolve("tokenizer.json"));
        assertThat(tokenizer.get("truncation").get("max_length").asInt()).isEqualTo(TinyBert.MAX_SEQ_LENGTH);
        assertThat(tokenizer.get("padding").isNull()).isTrue();
        // vocab.txt: line n holds the token of id n ([PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3).
        assertThat(Files.readAllLines(model.resolve("vocab.txt"))).hasSize(110).startsWith("[PAD]", "[UNK]", "[CLS]", "[SEP]");

        assertThat(PoolingConfig.read(model.resolve("1_Pooling/config.json"))).isEqualTo(PoolingConfig.mean(32));
        assertThat(model.resolve("2_Normalize")).isDirectory();
        assertThat(BertConfig.read(model.resolve("config.json"))).isEqualTo(TinyBert.config());
    }

    @Test
    void promptsRoundTripThroughConfigSentenceTransformersJson() throws IOException {
        Map<String, String> named = new LinkedHashMap<>();
        named.put("query", "Represent this sentence for searching relevant passages: ");
        named.put("anchor", "query: ");
        ModelPrompts prompts = new ModelPrompts(named, java.util.Optional.of("anchor"));
        Path model = dir.resolve("model");
        tiny.save(model, prompts);

        // The fields sentence-transformers reads: "prompts" (name -> text) and "default_prompt_name".
        JsonNode config = json(model.resolve("config_sentence_transformers.json"));
        assertThat(config.get("prompts").get("query").asText())
                .isEqualTo("Represent this sentence for searching relevant passages: ");
        assertThat(config.get("prompts").get("anchor").asText()).isEqualTo("query: ");
        assertThat(config.get("default_prompt_name").asText()).isEqualTo("anchor");
        try (SentenceEncoder loaded = new EncoderLoader().load(model.toString())) {
            assertThat(loaded.settings().prompts()).isEqualTo(prompts);
            assertThat(loaded.settings().prompts().prompts().keySet()).containsExactly("query", "anchor");
        }
        // A model saved without prompts writes an empty object and a null default, as sentence-transformers does.
        Path plain = dir.resolve("plain");
        tiny.save(plain);
        JsonNode plainConfig = json(plain.resolve("config_sentence_transformers.json"));
        assertThat(plainConfig.get("prompts").size()).isZero();
        assertThat(plainConfig.get("default_prompt_name").isNull()).isTrue();
    }

    @Test
    void badPromptsInConfigSentenceTransformersJsonNameTheFileAndField() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);
        Path config = model.resolve("config_sentence_transformers.json");
        Files.writeString(config, "{\"prompts\": {\"query\": 3}, \"default_prompt_name\": null}");
        assertThatThrownBy(() -> new EncoderLoader().load(model.toString()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(config.toString()).hasMessageContaining("field 'prompts.query' must be a string");
        Files.writeString(config, "{\"prompts\": {\"query\": \"q: \"}, \"default_prompt_name\": \"doc\"}");
        assertThatThrownBy(() -> new EncoderLoader().load(model.toString()))
                .hasMessageContaining(config.toString())
                .hasMessageContaining("field 'default_prompt_name' is 'doc', which is not one of the prompts [query]");
    }

    @Test
    void savedSafetensorsHoldExactlyTheHuggingFaceNamesAndShapesAsFloat32() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);
        JsonNode header = SafetensorsHeaders.header(model.resolve("model.safetensors"));

        Map<String, List<Long>> expected = new LinkedHashMap<>();
        expected.put("embeddings.word_embeddings.weight", List.of(110L, 32L));
        expected.put("embeddings.position_embeddings.weight", List.of(64L, 32L));
        expected.put("embeddings.token_type_embeddings.weight", List.of(2L, 32L));
        expected.put("embeddings.LayerNorm.weight", List.of(32L));
        expected.put("embeddings.LayerNorm.bias", List.of(32L));
        for (int i = 0; i < 2; i++) {
            String p = "encoder.layer." + i + ".";
            for (String square : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense"}) {
                expected.put(p + square + ".weight", List.of(32L, 32L));
                expected.put(p + square + ".bias", List.of(32L));
            }
            expected.put(p + "attention.output.LayerNorm.weight", List.of(32L));
            expected.put(p + "attention.output.LayerNorm.bias", List.of(32L));
            expected.put(p + "intermediate.dense.weight", List.of(64L, 32L));
            expected.put(p + "intermediate.dense.bias", List.of(64L));
            expected.put(p + "output.dense.weight", List.of(32L, 64L));
            expected.put(p + "output.dense.bias", List.of(32L));
            expected.put(p + "output.LayerNorm.weight", List.of(32L));
            expected.put(p + "output.LayerNorm.bias", List.of(32L));
        }
        assertThat(SafetensorsHeaders.shapes(header)).containsExactlyInAnyOrderEntriesOf(expected);
        header.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("__metadata__")) {
                assertThat(entry.getValue().get("dtype").asText()).as(entry.getKey()).isEqualTo("F32");
            }
        });
        // transformers refuses safetensors files without this metadata.
        assertThat(header.get("__metadata__").get("format").asText()).isEqualTo("pt");
    }

    @Test
    void savedModelLoadsBackWithIdenticalEmbeddings() {
        Path model = dir.resolve("model");
        tiny.save(model);
        try (SentenceEncoder loaded = new EncoderLoader().load(model.toString())) {
            assertThat(loaded.settings()).isEqualTo(tiny.settings());
            assertThat(loaded.bertConfig()).isEqualTo(tiny.bertConfig());
            assertThat(loaded.exportWeights()).isEqualTo(tiny.exportWeights());
            float[][] expected = tiny.encode(TEXTS, 2);
            float[][] actual = loaded.encode(TEXTS, 2);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(actual[i]).containsExactly(expected[i], within(1e-6f));
            }
        }
    }

    @Test
    void savingOverAModelReplacesItAndLeavesNoTemporaryFolder() throws IOException {
        Path model = dir.resolve("model");
        try (SentenceEncoder other = TinyBert.create(99)) {
            other.save(model);
        }
        tiny.save(model);
        try (SentenceEncoder loaded = new EncoderLoader().load(model.toString())) {
            assertThat(loaded.exportWeights()).isEqualTo(tiny.exportWeights());
        }
        assertThat(children(dir)).containsExactly("model");
    }

    @Test
    void failedSaveLeavesTheExistingModelUntouchedAndNoTemporaryFolder() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);
        byte[] weightsBefore = Files.readAllBytes(model.resolve("model.safetensors"));
        SentenceEncoder closed = TinyBert.create(5);
        closed.close(); // its weights can no longer be read: the save fails half-way through
        assertThatThrownBy(() -> closed.save(model)).isInstanceOf(RuntimeException.class);
        assertThat(Files.readAllBytes(model.resolve("model.safetensors"))).isEqualTo(weightsBefore);
        assertThat(children(dir)).containsExactly("model");
    }

    @Test
    void savingRefusesToReplaceAFolderThatIsNotAModel() throws IOException {
        Path notAModel = Files.createDirectory(dir.resolve("documents"));
        Files.writeString(notAModel.resolve("thesis.txt"), "precious");
        assertThatThrownBy(() -> tiny.save(notAModel))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(notAModel.toString())
                .hasMessageContaining("holds something other than a model");
        assertThat(notAModel.resolve("thesis.txt")).hasContent("precious");
    }

    @Test
    void pickledWeightsAreRefusedWithTheWayToConvertThem() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);
        Files.move(model.resolve("model.safetensors"), model.resolve("pytorch_model.bin"));
        assertThatThrownBy(() -> new EncoderLoader().load(model.toString()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("pytorch_model.bin")
                .hasMessageContaining("can run arbitrary code")
                .hasMessageContaining("safetensors.torch import save_file")
                .hasMessageContaining("safe_serialization=True");
        assertThatThrownBy(() -> new EncoderLoader().load(model.resolve("pytorch_model.bin").toString()))
                .hasMessageContaining("can run arbitrary code");
    }

    @Test
    void bareHuggingFaceFolderGetsMeanPoolingWithoutNormalisation() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);
        for (String file : new String[] {"modules.json", "sentence_bert_config.json", "1_Pooling/config.json",
            "1_Pooling", "2_Normalize"}) {
            Files.delete(model.resolve(file));
        }
        try (SentenceEncoder loaded = new EncoderLoader().load(model.toString())) {
            // tokenizer_config.json's model_max_length gives the length limit.
            assertThat(loaded.settings()).isEqualTo(
                    new EncoderSettings(PoolingConfig.mean(32), false, TinyBert.MAX_SEQ_LENGTH, false));
        }
    }

    @Test
    void poolingAndNormalisationFollowTheFolder() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);
        PoolingConfig.cls(32).write(model.resolve("1_Pooling/config.json"));
        Files.writeString(model.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]""");
        try (SentenceEncoder loaded = new EncoderLoader().load(model.toString())) {
            assertThat(loaded.settings().pooling()).isEqualTo(PoolingConfig.cls(32));
            assertThat(loaded.settings().normalize()).isFalse();
        }
    }

    @Test
    void unsupportedModuleIsRefusedByName() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);
        Files.writeString(model.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}]""");
        assertThatThrownBy(() -> new EncoderLoader().load(model.toString()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("modules.json")
                .hasMessageContaining("sentence_transformers.models.Dense");
    }

    @Test
    void unknownNameIsRefusedSayingWhatIsAccepted() {
        String missing = dir.resolve("nowhere").toString();
        assertThatThrownBy(() -> new EncoderLoader().load(missing))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("'minilm'")
                .hasMessageContaining("no such file or folder");
    }

    @Test
    void folderWithoutTokenizerIsRefused() throws IOException {
        Path model = dir.resolve("model");
        tiny.save(model);
        Files.delete(model.resolve("tokenizer.json"));
        assertThatThrownBy(() -> new EncoderLoader().load(model.toString()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("tokenizer.json");
    }

    private static JsonNode json(Path file) throws IOException {
        return JsonFiles.MAPPER.readTree(file.toFile());
    }

    private static List<String> children(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return new ArrayList<>(entries.map(p -> p.getFileName().toString()).toList());
        }
    }
}
