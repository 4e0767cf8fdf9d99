package dev.contrastive4j.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.encoder.io.ModelFormatException;
import dev.contrastive4j.prompts.ModelPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model's prompts in {@code config_sentence_transformers.json}: {@code "prompts": {"name": "text", …}} and
 * {@code "default_prompt_name": "name" | null}, as sentence-transformers reads and writes them.
 */
final class ModelPromptsFile {

    private ModelPromptsFile() {
    }

    /**
     * The prompts of a {@code config_sentence_transformers.json}; none when the file is absent or has no prompts.
     *
     * @throws ModelFormatException naming the file and field if a prompt is not a string or the default names no
     *     prompt
     */
    static ModelPrompts read(Path file) {
        if (!Files.exists(file)) {
            return ModelPrompts.NONE;
        }
        ObjectNode json = JsonFiles.readObject(file);
        Map<String, String> prompts = new LinkedHashMap<>();
        JsonNode node = json.path("prompts");
        if (!node.isMissingNode() && !node.isNull()) {
            if (!node.isObject()) {
                throw new ModelFormatException(file + ": field 'prompts' must be an object of name: text, found "
                        + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            node.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw new ModelFormatException(file + ": field 'prompts." + entry.getKey()
                            + "' must be a string, found " + entry.getValue());
                }
                prompts.put(entry.getKey(), entry.getValue().asText());
            });
        }
        JsonNode defaultName = json.path("default_prompt_name");
        if (!defaultName.isMissingNode() && !defaultName.isNull() && !defaultName.isTextual()) {
            throw new ModelFormatException(file + ": field 'default_prompt_name' must be a string or null, found "
                    + defaultName);
        }
        Optional<String> name = defaultName.isTextual() ? Optional.of(defaultName.asText()) : Optional.empty();
        if (name.isPresent() && !prompts.containsKey(name.get())) {
            throw new ModelFormatException(file + ": field 'default_prompt_name' is '" + name.get()
                    + "', which is not one of the prompts " + prompts.keySet());
        }
        return new ModelPrompts(prompts, name);
    }

    /** Writes {@code prompts} and {@code default_prompt_name} into a {@code config_sentence_transformers.json}. */
    static void write(ModelPrompts prompts, ObjectNode config) {
        ObjectNode node = config.putObject("prompts");
        prompts.prompts().forEach(node::put);
        if (prompts.defaultName().isPresent()) {
            config.put("default_prompt_name", prompts.defaultName().get());
        } else {
            config.putNull("default_prompt_name");
        }
    }
}
