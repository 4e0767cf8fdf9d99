package dev.contrastive4j.encoder;

import static dev.contrastive4j.encoder.ModelFolderFiles.CONFIG;
import static dev.contrastive4j.encoder.ModelFolderFiles.MODULES;
import static dev.contrastive4j.encoder.ModelFolderFiles.NORMALIZE_FOLDER;
import static dev.contrastive4j.encoder.ModelFolderFiles.NORMALIZE_MODULE;
import static dev.contrastive4j.encoder.ModelFolderFiles.POOLING_FOLDER;
import static dev.contrastive4j.encoder.ModelFolderFiles.POOLING_MODULE;
import static dev.contrastive4j.encoder.ModelFolderFiles.SAFETENSORS;
import static dev.contrastive4j.encoder.ModelFolderFiles.SENTENCE_BERT_CONFIG;
import static dev.contrastive4j.encoder.ModelFolderFiles.SENTENCE_TRANSFORMERS_CONFIG;
import static dev.contrastive4j.encoder.ModelFolderFiles.SPECIAL_TOKENS_MAP;
import static dev.contrastive4j.encoder.ModelFolderFiles.TOKENIZER;
import static dev.contrastive4j.encoder.ModelFolderFiles.TOKENIZER_CONFIG;
import static dev.contrastive4j.encoder.ModelFolderFiles.TRANSFORMER_MODULE;
import static dev.contrastive4j.encoder.ModelFolderFiles.VOCAB;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.encoder.io.SafetensorsWriter;
import dev.contrastive4j.files.TemporaryPaths;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import dev.contrastive4j.prompts.ModelPrompts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Saves a {@link SentenceEncoder} as a sentence-transformers model folder that Python's
 * {@code SentenceTransformer(folder)} and {@code transformers.AutoModel/AutoTokenizer} load:
 * <pre>
 * modules.json                       Transformer → Pooling (→ Normalize)
 * config_sentence_transformers.json
 * sentence_bert_config.json          max_seq_length, do_lower_case
 * config.json                        BertConfig, model_type "bert", architectures ["BertModel"]
 * model.safetensors                  float32, Hugging Face names
 * tokenizer.json, tokenizer_config.json, special_tokens_map.json, vocab.txt
 * 1_Pooling/config.json
 * 2_Normalize/                       only when normalising
 * </pre>
 * Everything is written to a hidden sibling folder first and then renamed into place, so an interrupted save
 * never leaves a half model under the target name; the next save to the same target deletes what a killed
 * one left behind. An existing target is replaced only if it is empty or
 * itself a model folder (it holds {@code config.json} or {@code modules.json}); the old one is moved aside
 * before the new one moves in, and moved back if that fails.
 */
final class SentenceTransformersWriter {

    /** The sentence-transformers release whose folder layout this writer follows. */
    private static final String LAYOUT_VERSION = "3.0.1";
    /** {@code .<name>.saving-*}: the new model being written. */
    private static final String STAGING_INFIX = ".saving-";
    /** {@code .<name>.replaced-*}: the old model, moved aside while the new one moves in. */
    private static final String REPLACED_INFIX = ".replaced-";

    private SentenceTransformersWriter() {}

    static void write(SentenceEncoder encoder, EncoderSettings settings, Path target) {
        Path destination = target.toAbsolutePath().normalize();
        Path parent = destination.getParent();
        String name = destination.getFileName().toString();
        try {
            Files.createDirectories(parent);
            recoverInterruptedSave(parent, name, destination);
            checkReplaceable(destination);
            Path staging = TemporaryPaths.createFolder(parent, "." + name + STAGING_INFIX);
            try {
                writeFiles(encoder, settings, staging);
                replace(staging, destination);
            } catch (RuntimeException | IOException e) {
                deleteRecursively(staging);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + destination, e);
        }
    }

    private static void writeFiles(SentenceEncoder encoder, EncoderSettings settings, Path folder)
            throws IOException {
        writeDescription(encoder, settings, folder);
        SafetensorsWriter.write(folder.resolve(SAFETENSORS), encoder.exportWeights(),
                SafetensorsWriter.PYTORCH_METADATA);
    }

    /**
     * Every file of the folder but the weights: modules, configs, tokenizer, pooling (also what an ONNX export
     * writes beside its {@code model.onnx}, see {@link OnnxExport}).
     */
    static void writeDescription(SentenceEncoder encoder, Path folder) throws IOException {
        writeDescription(encoder, encoder.settings(), folder);
    }

    /** {@link #writeDescription(SentenceEncoder, Path)} with other settings (a trained model's prompts). */
    static void writeDescription(SentenceEncoder encoder, EncoderSettings settings, Path folder) throws IOException {
        JsonFiles.write(folder.resolve(MODULES), modules(settings.normalize()));
        JsonFiles.write(folder.resolve(SENTENCE_TRANSFORMERS_CONFIG), sentenceTransformersConfig(settings.prompts()));
        ObjectNode sentenceBert = JsonFiles.newObject();
        sentenceBert.put("max_seq_length", settings.maxSeqLength());
        sentenceBert.put("do_lower_case", settings.doLowerCase());
        JsonFiles.write(folder.resolve(SENTENCE_BERT_CONFIG), sentenceBert);
        encoder.bertConfig().write(folder.resolve(CONFIG));

        SentenceTokenizer tokenizer = encoder.tokenizer();
        JsonFiles.write(folder.resolve(TOKENIZER), tokenizer.jsonForSaving());
        ObjectNode tokenizerConfig = tokenizer.huggingFaceTokenizerConfig();
        JsonFiles.write(folder.resolve(TOKENIZER_CONFIG), tokenizerConfig);
        JsonFiles.write(folder.resolve(SPECIAL_TOKENS_MAP), specialTokens(tokenizerConfig));
        writeVocab(tokenizer.jsonForSaving(), folder.resolve(VOCAB));

        Path pooling = Files.createDirectory(folder.resolve(POOLING_FOLDER));
        settings.pooling().write(pooling.resolve(PoolingConfig.FILE_NAME));
        if (settings.normalize()) {
            Files.createDirectory(folder.resolve(NORMALIZE_FOLDER));
        }
    }

    private static ArrayNode modules(boolean normalize) {
        ArrayNode modules = JsonFiles.MAPPER.createArrayNode();
        addModule(modules, 0, "", TRANSFORMER_MODULE);
        addModule(modules, 1, POOLING_FOLDER, POOLING_MODULE);
        if (normalize) {
            addModule(modules, 2, NORMALIZE_FOLDER, NORMALIZE_MODULE);
        }
        return modules;
    }

    private static void addModule(ArrayNode modules, int index, String path, String type) {
        ObjectNode module = modules.addObject();
        module.put("idx", index);
        module.put("name", Integer.toString(index));
        module.put("path", path);
        module.put("type", type);
    }

    private static ObjectNode sentenceTransformersConfig(ModelPrompts prompts) {
        ObjectNode config = JsonFiles.newObject();
        config.putObject("__version__").put("sentence_transformers", LAYOUT_VERSION);
        ModelPromptsFile.write(prompts, config);
        config.put("similarity_fn_name", "cosine");
        return config;
    }

    private static ObjectNode specialTokens(ObjectNode tokenizerConfig) {
        ObjectNode map = JsonFiles.newObject();
        for (String key : new String[] {"cls_token", "mask_token", "pad_token", "sep_token", "unk_token"}) {
            if (tokenizerConfig.has(key)) {
                map.set(key, tokenizerConfig.get(key));
            }
        }
        return map;
    }

    /** {@code vocab.txt} for the slow {@code BertTokenizer}: one WordPiece token per line, line number = id. */
    private static void writeVocab(ObjectNode tokenizerJson, Path file) throws IOException {
        JsonNode vocab = tokenizerJson.path("model").path("vocab");
        if (!"WordPiece".equals(tokenizerJson.path("model").path("type").asText()) || !vocab.isObject()) {
            return;
        }
        String[] byId = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int id = entry.getValue().asInt(-1);
            if (id < 0 || id >= byId.length || byId[id] != null) {
                return; // not a dense id range: the fast tokenizer.json alone will have to do
            }
            byId[id] = entry.getKey();
        }
        Files.write(file, List.of(byId));
    }

    /**
     * Tidies up after a save of the same target whose process was killed: deletes its staging folders, and
     * puts the old model back if it had been moved aside but the new one had not yet moved in. One process at
     * a time may save to a given target.
     */
    private static void recoverInterruptedSave(Path parent, String name, Path destination) throws IOException {
        for (Path staging : siblings(parent, "." + name + STAGING_INFIX)) {
            deleteRecursively(staging);
        }
        List<Path> replaced = siblings(parent, "." + name + REPLACED_INFIX);
        if (!Files.exists(destination) && replaced.size() == 1) {
            move(replaced.get(0), destination);
            return;
        }
        for (Path old : replaced) {
            deleteRecursively(old);
        }
    }

    private static List<Path> siblings(Path parent, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static void checkReplaceable(Path destination) throws IOException {
        if (!Files.exists(destination)) {
            return;
        }
        if (!Files.isDirectory(destination)) {
            throw new ContrastiveException("cannot save the model to " + destination
                    + ": expected a folder or nothing there, found a file");
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(destination)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty && !Files.exists(destination.resolve(CONFIG)) && !Files.exists(destination.resolve(MODULES))) {
            throw new ContrastiveException("cannot save the model to " + destination
                    + ": the folder exists and holds something other than a model (no config.json or"
                    + " modules.json); choose an empty or new folder");
        }
    }

    private static void replace(Path staging, Path destination) throws IOException {
        if (!Files.exists(destination)) {
            move(staging, destination);
            return;
        }
        Path parent = destination.getParent();
        Path old = TemporaryPaths.createFolder(parent, "." + destination.getFileName() + REPLACED_INFIX);
        Files.delete(old); // only the unique name is wanted; the old model moves there
        move(destination, old);
        try {
            move(staging, destination);
        } catch (IOException e) {
            move(old, destination);
            throw e;
        }
        deleteRecursively(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<IOException> failures = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException error) {
                delete(dir);
                return FileVisitResult.CONTINUE;
            }

            private void delete(Path path) {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        });
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
