package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.encoder.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader reads only inside the folder it is given: a {@code modules.json} path from the file's content
 * that is absolute or climbs out with {@code ..} is refused before anything is read there, while a module in a
 * subfolder loads.
 */
class ModulePathConfinementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The tiny model with its transformer files moved into {@code transformerPath} and modules.json saying so. */
    private Path modelWithTransformerAt(String transformerPath) throws IOException {
        Path model = dir.resolve("model");
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(model);
        }
        Path modules = model.resolve("modules.json");
        ArrayNode json = (ArrayNode) JSON.readTree(modules.toFile());
        ((ObjectNode) json.get(0)).put("path", transformerPath);
        JSON.writeValue(modules.toFile(), json);
        return model;
    }

    @Test
    void aModulePathThatClimbsOutOfTheFolderIsRefused() throws IOException {
        Path model = modelWithTransformerAt("../elsewhere");
        // A complete model where the path leads: it must not be read.
        try (SentenceEncoder other = TinyBert.create(2)) {
            other.save(dir.resolve("elsewhere"));
        }

        assertThatThrownBy(() -> new EncoderLoader().load(model.toString()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(model.resolve("modules.json").toString())
                .hasMessageContaining("'../elsewhere' leads outside the model folder");
    }

    @Test
    void anAbsoluteModulePathIsRefused() throws IOException {
        Path elsewhere = dir.resolve("elsewhere").toAbsolutePath();
        try (SentenceEncoder other = TinyBert.create(2)) {
            other.save(elsewhere);
        }
        Path model = modelWithTransformerAt(elsewhere.toString());

        assertThatThrownBy(() -> new EncoderLoader().load(model.toString()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'" + elsewhere + "' leads outside the model folder");
    }

    @Test
    void aModuleInASubfolderLoads() throws IOException {
        Path model = modelWithTransformerAt("0_Transformer");
        Path transformer = Files.createDirectories(model.resolve("0_Transformer"));
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "sentence_bert_config.json")) {
            Files.move(model.resolve(file), transformer.resolve(file));
        }

        try (SentenceEncoder loaded = new EncoderLoader().load(model.toString());
                SentenceEncoder original = TinyBert.create(1)) {
            assertThat(loaded.encode(List.of("the cat sat"), 1)[0])
                    .containsExactly(original.encode(List.of("the cat sat"), 1)[0]);
        }
        try (Stream<Path> top = Files.list(model)) {
            assertThat(top.map(p -> p.getFileName().toString())).doesNotContain("model.safetensors");
        }
    }

    @Test
    void aModuleFolderNamedInModulesJsonThatIsMissingIsAnError() throws IOException {
        Path model = dir.resolve("model");
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(model);
        }
        Path modules = model.resolve("modules.json");
        ArrayNode json = (ArrayNode) JSON.readTree(modules.toFile());
        ObjectNode pooling = null;
        for (var module : json) {
            if (module.path("type").asText().endsWith(".Pooling")) {
                pooling = (ObjectNode) module;
            }
        }
        assertThat(pooling).as("the saved model names a pooling module").isNotNull();
        assertThat(model.resolve(pooling.path("path").asText())).isDirectory();
        pooling.put("path", "1_pooling"); // a typo: the folder is 1_Pooling
        JSON.writeValue(modules.toFile(), json);

        // Before: a silent fall-back to mean pooling, which changed a CLS model's embeddings.
        assertThatThrownBy(() -> new EncoderLoader().load(model.toString()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(modules.toString())
                .hasMessageContaining("'1_pooling', which does not exist")
                .hasMessageContaining("1_Pooling");
    }
}
