package dev.contrastive4j.compare;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contrastive4j.data.JsonProblems;
import dev.contrastive4j.mining.MiningOptions;
import dev.contrastive4j.mining.SamplingStrategy;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A comparison described in a file ({@code c4j compare --config FILE}): YAML ({@code .yaml}, {@code .yml}) or
 * JSON ({@code .json}), with the same names as the command-line options, in snake case. Every field is
 * optional; options given on the command line win over the file. Relative paths are relative to the file's
 * folder. Example:
 * <pre>{@code
 * model: minilm                 # or a model folder
 * train: data/train.jsonl       # default: the bundled WordNet training split
 * train_size: 2000              # a seeded subset; default: every row of a named file
 * test: data/test.jsonl         # triplets, pairs or scored pairs; default: the bundled test split
 * curve_size: 300
 * metrics: [triplet.cosine_accuracy, ir.ndcg@10]
 * seeds: 3
 * seed: 42
 * epochs: 1                     # also max_steps, batch_size, lr, warmup_ratio, weight_decay,
 * batch_size: 32                #      max_grad_norm, eval_steps, save_steps, max_seq_length
 * lr: 2e-5
 * eval_steps: 20
 * truncate_dims: [256, 128]     # also measure every model at these sizes (rows name@256, name@128)
 * configurations:
 *   - name: mnrl
 *     loss: mnrl
 *   - name: angle-fast
 *     loss: "0.5*angle + 0.5*triplet(margin=0.5, distance=cosine)"
 *     lr: 5e-5                    # a configuration may set lr, batch_size, epochs, max_steps,
 *     batch_size: 16              # warmup_ratio, weight_decay, max_grad_norm
 *   - name: mined-3
 *     loss: mnrl
 *     train: data/pairs.jsonl     # this configuration's own training data (subset as the others')
 *     mine:                       # hard negatives mined with the base model first (c4j mine's options)
 *       num_negatives: 3
 *       relative_margin: 0.05
 * }</pre>
 */
public final class CompareConfigFile {

    /**
     * The file's fields; {@code null} where the file says nothing.
     */
    public record Content(String model, Integer maxSeqLength, String train, Integer trainSize, String test,
            Integer curveSize, List<String> metrics, Integer seeds, Long seed, Integer epochs, Long maxSteps,
            Integer batchSize, Double lr, Double warmupRatio, Double weightDecay, Double maxGradNorm, Long evalSteps,
            Long saveSteps, List<Entry> configurations, List<Integer> truncateDims) {
    }

    /** One configuration as the file writes it. */
    public record Entry(String name, String loss, Double lr, Integer batchSize, Integer epochs, Long maxSteps,
            Double warmupRatio, Double weightDecay, Double maxGradNorm, String train, Mine mine) {
    }

    /** A configuration's mining options as the file writes them ({@code c4j mine}'s options, in snake case). */
    public record Mine(Integer numNegatives, Integer rangeMin, Integer rangeMax, Double maxScore, Double minScore,
            Double margin, Double relativeMargin, String sampling, Long seed) {

        MiningOptions toOptions() {
            MiningOptions.Builder options = MiningOptions.builder();
            if (numNegatives != null) {
                options.numNegatives(numNegatives);
            }
            if (rangeMin != null) {
                options.rangeMin(rangeMin);
            }
            if (sampling != null) {
                options.sampling(Arrays.stream(SamplingStrategy.values())
                        .filter(strategy -> strategy.cliName().equals(sampling)).findFirst()
                        .orElseThrow(() -> new ContrastiveException("mine.sampling: expected one of "
                                + Arrays.stream(SamplingStrategy.values()).map(SamplingStrategy::cliName).toList()
                                + ", found '" + sampling + "'")));
            }
            if (seed != null) {
                options.seed(seed);
            }
            try {
                return options.rangeMax(rangeMax).maxScore(maxScore).minScore(minScore).absoluteMargin(margin)
                        .relativeMargin(relativeMargin).build();
            } catch (IllegalArgumentException e) {
                throw new ContrastiveException("mine: " + e.getMessage(), e);
            }
        }
    }

    /** Jackson's words for a key given twice in one object. */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

    private final Path file;
    private final Content content;

    private CompareConfigFile(Path file, Content content) {
        this.file = file;
        this.content = content;
    }

    /**
     * Reads and checks a configuration file.
     *
     * @throws ContrastiveException if the file is missing, of another kind, malformed, has an unknown field or a
     *     value of the wrong type (the message names the file, line and column)
     */
    public static CompareConfigFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw new ContrastiveException("--config " + file + ": expected a .yaml, .yml or .json file, found a folder");
        }
        if (!Files.isRegularFile(file)) {
            throw new ContrastiveException("--config " + file + ": no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            mapper = new ObjectMapper(new YAMLFactory());
        } else if (name.endsWith(".json")) {
            mapper = new ObjectMapper();
        } else {
            throw new ContrastiveException("--config " + file + ": expected a .yaml, .yml or .json file");
        }
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // 1.5 steps is a mistake, not 1; a key given twice silently replaced the first value.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        Content content;
        try {
            if (Files.size(file) == 0) {
                throw new ContrastiveException("--config " + file + ": the file is empty");
            }
            content = mapper.readValue(file.toFile(), Content.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ContrastiveException(whereField(file, e) + "unknown field '" + e.getPropertyName() + "'"
                    + inside(e) + "; expected one of: " + e.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", ")), e);
        } catch (InvalidFormatException e) {
            throw new ContrastiveException(where(file, e) + "field '" + path(e) + "': expected "
                    + describe(e.getTargetType()) + ", found " + e.getValue(), e);
        } catch (MismatchedInputException e) {
            throw new ContrastiveException(where(file, e) + "field '" + path(e) + "': expected "
                    + describe(e.getTargetType()) + ", found something else", e);
        } catch (JsonProcessingException e) {
            // The parsers pass on some causes as "java.io.CharConversionException: ..."; the class name tells no user.
            String reason = JsonProblems.withoutJacksonNames(e.getOriginalMessage().lines().findFirst().orElse(""))
                    .replaceFirst("^(\\w+\\.)+\\w+(Exception|Error): ", "");
            Matcher duplicate = DUPLICATE.matcher(reason);
            if (duplicate.find()) {
                throw new ContrastiveException(where(file, e) + "field '" + duplicate.group(1) + "' is given twice;"
                        + " the second would replace the first", e);
            }
            throw new ContrastiveException(where(file, e) + "not valid " + (mapper.getFactory() instanceof YAMLFactory
                    ? "YAML" : "JSON") + ": " + reason, e);
        } catch (IOException e) {
            throw new ContrastiveException("--config " + file + ": cannot read it: " + e.getMessage(), e);
        }
        if (content == null) {
            throw new ContrastiveException("--config " + file + ": the file is empty");
        }
        return new CompareConfigFile(file, content);
    }

    public Content content() {
        return content;
    }

    /** A path named in the file, relative to the file's folder unless absolute. */
    public Path resolve(String path) {
        Path folder = file.toAbsolutePath().getParent();
        return folder.resolve(path).normalize();
    }

    /** The model: a path relative to the file's folder when one exists there, else the name as written. */
    public String model() {
        if (content.model() == null) {
            return null;
        }
        Path resolved = resolve(content.model());
        return Files.exists(resolved) ? resolved.toString() : content.model();
    }

    /**
     * The file's configurations, or {@code null} when it lists none.
     *
     * @throws ContrastiveException naming the entry that lacks a name or a loss
     */
    public List<CompareConfiguration> configurations() {
        if (content.configurations() == null) {
            return null;
        }
        List<CompareConfiguration> list = new ArrayList<>();
        for (int i = 0; i < content.configurations().size(); i++) {
            Entry entry = content.configurations().get(i);
            String where = "--config " + file + ": configurations[" + i + "]";
            if (entry == null || entry.name() == null) {
                throw new ContrastiveException(where + ": expected a 'name', found none");
            }
            if (entry.loss() == null) {
                throw new ContrastiveException(where + " '" + entry.name() + "': expected a 'loss', found none");
            }
            try {
                list.add(new CompareConfiguration(entry.name(), entry.loss(), new TrainingOverrides(entry.lr(),
                        entry.batchSize(), entry.epochs(), entry.maxSteps(), entry.warmupRatio(), entry.weightDecay(),
                        entry.maxGradNorm()), Optional.ofNullable(entry.train()).map(this::resolve),
                        Optional.ofNullable(entry.mine()).map(Mine::toOptions)));
            } catch (ContrastiveException e) {
                throw new ContrastiveException(where + ": " + e.getMessage(), e);
            }
        }
        CompareConfiguration.requireDistinctNames(list, "--config " + file);
        return list;
    }

    private static String where(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return "--config " + file + (location == null || location.getLineNr() < 1 ? ": "
                : ", line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ");
    }

    /**
     * Where an unknown field is. The YAML parser reports where it stopped reading (often the next line), so the
     * field's own line is looked up: the last line at or before that which starts with the field's name.
     */
    private static String whereField(Path file, UnrecognizedPropertyException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return where(file, e);
        }
        try {
            List<String> lines = Files.readAllLines(file);
            Pattern key = Pattern.compile("^\\s*(-\\s*)?[\"']?" + Pattern.quote(e.getPropertyName()) + "[\"']?\\s*:");
            for (int line = Math.min(location.getLineNr(), lines.size()); line >= 1; line--) {
                Matcher matcher = key.matcher(lines.get(line - 1));
                if (matcher.find()) {
                    int column = lines.get(line - 1).indexOf(e.getPropertyName()) + 1;
                    return "--config " + file + ", line " + line + ", column " + column + ": ";
                }
            }
        } catch (IOException ignored) {
            // fall back to the parser's position
        }
        return where(file, e);
    }

    private static String inside(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.size() < 2) {
            return "";
        }
        return " in " + path(path.subList(0, path.size() - 1));
    }

    private static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                text.append(text.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
