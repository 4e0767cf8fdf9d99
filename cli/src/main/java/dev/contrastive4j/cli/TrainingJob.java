package dev.contrastive4j.cli;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.eval.EvaluationSuite;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.files.IoProblems;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.train.BestModelKeeper;
import dev.contrastive4j.train.EncoderTrainingModel;
import dev.contrastive4j.train.LossPlan;
import dev.contrastive4j.train.OutputFolderLock;
import dev.contrastive4j.train.PlannedLoss;
import dev.contrastive4j.train.Trainer;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingListener;
import dev.contrastive4j.train.TrainingResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One training run from files to a saved model: read and (optionally) subsample the data, plan the losses
 * and conversions, load the model, train, evaluate, and record everything in {@code run.json}. Shared by
 * {@code c4j train} and {@code c4j compare}.
 */
final class TrainingJob {

    static final String RUN_FILE = "run.json";
    private static final String TEMPORARY_PREFIX = ".";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Everything a run needs.
     *
     * @param model a model name or path ({@code minilm})
     * @param maxSeqLength overrides the model's token limit
     * @param train the training data file
     * @param readOptions how to read the data files
     * @param trainSize use a seeded random subset of this many training rows
     * @param eval an evaluation data file, if any
     * @param loss the loss expression
     * @param config hyperparameters
     * @param output the run folder
     * @param resume continue from the newest checkpoint in {@code output}
     * @param keepBestBy keep the model of the best evaluation by this metric in {@code output/best}
     */
    record Spec(String model, OptionalInt maxSeqLength, Path train, ReadOptions readOptions, OptionalInt trainSize,
            Optional<Path> eval, String loss, TrainingConfig config, Path output, boolean resume,
            Optional<String> keepBestBy) {
    }

    /** What a run produced. */
    record Outcome(TrainingResult result, LossPlan plan, int trainRows) {
    }

    private TrainingJob() {
    }

    static Outcome run(Spec spec, PluginRegistry registry, List<TrainingListener> listeners, Consumer<String> log) {
        return run(spec, registry, listeners, log,
                () -> spec.eval()
                        .map(file -> List.of(EvaluationSuite.forFile(file, spec.readOptions()).asOneEvaluator("eval")))
                        .orElse(List.of()));
    }

    /**
     * As {@link #run(Spec, PluginRegistry, List, Consumer)}, with the given evaluators instead of those of
     * {@code spec.eval()} ({@code c4j compare} evaluates a fixed subset of its test set during training).
     *
     * @param evaluators made once the data and the loss have been checked
     */
    static Outcome run(Spec spec, PluginRegistry registry, List<TrainingListener> listeners, Consumer<String> log,
            Supplier<List<Evaluator>> evaluators) {
        Path output = spec.output();
        // An existing folder is locked before it is looked at, so that no other run changes it meanwhile; a new one
        // as soon as it exists. The lock is held until the run ends, however it ends.
        OutputFolderLock lock = Files.isDirectory(output) ? OutputFolderLock.acquire(output, "--output") : null;
        try {
            // Everything the user gave is checked before the run folder appears: a mistake leaves nothing behind.
            checkOutputFolder(output, spec.resume());
            List<Example> rows = subset(Datasets.readAll(spec.train(), spec.readOptions()), spec.trainSize(),
                    spec.config().seed());
            DataFormat format = rows.get(0).format();
            LossPlan plan = LossPlan.create(LossSpec.parse(spec.loss(), registry), format, registry,
                    spec.train().toString());
            for (PlannedLoss loss : plan.losses()) {
                loss.converterName().ifPresent(converter -> log.accept("loss " + loss.name() + " trains on "
                        + loss.inputFormat().cliName() + " data: converting " + format.cliName() + " rows with "
                        + converter));
            }
            if (spec.resume()) {
                Optional<TrainingResult> finished = finishedResult(spec, plan);
                if (finished.isPresent()) {
                    log.accept("the run in " + output + " finished already (" + finished.get().steps()
                            + " steps); nothing to resume, nothing changed");
                    return new Outcome(finished.get(), plan, rows.size());
                }
            }
            List<Evaluator> evaluatorList = evaluators.get();
            if (spec.keepBestBy().isPresent()) {
                if (evaluatorList.isEmpty()) {
                    throw new ContrastiveException("--keep-best needs an evaluation: give --eval FILE");
                }
                BestModelKeeper.requireReported(spec.keepBestBy().get(), evaluatorList);
            }
            try (SentenceEncoder encoder = new EncoderLoader().load(spec.model(), spec.maxSeqLength())) {
                ObjectNode run = describe(spec, plan, rows.size(), format, encoder);
                if (lock == null) {
                    createOutputFolder(output);
                    lock = OutputFolderLock.acquire(output, "--output");
                    checkOutputFolder(output, spec.resume()); // another run may have started here meanwhile
                }
                removeTemporaries(output);
                EncoderTrainingModel model = new EncoderTrainingModel(encoder, 32);
                List<TrainingListener> all = new ArrayList<>(listeners);
                // run.json is (re)written only once the trainer has accepted the checkpoint: a refused resume
                // leaves the run's record as it was.
                all.add(0, new TrainingListener() {
                    @Override
                    public void onStart(long firstStep, long totalSteps) {
                        writeJson(output.resolve(RUN_FILE), run);
                    }
                });
                spec.keepBestBy().ifPresent(metric -> all.add(new BestModelKeeper(metric, model, output)));
                Trainer trainer = new Trainer(model, plan, spec.config(), output, evaluatorList, all);
                TrainingResult result = trainer.train(rows, spec.resume());
                ObjectNode outcome = run.putObject("result");
                outcome.put("steps", result.steps()).put("final_loss", result.finalLoss())
                        .put("training_seconds", result.trainingSeconds())
                        .put("rows_per_second", result.rowsPerSecond())
                        .put("final_model", result.finalModel().toString());
                result.evaluation().forEach(outcome.putObject("evaluation")::put);
                writeJson(output.resolve(RUN_FILE), run);
                return new Outcome(result, plan, rows.size());
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static void checkOutputFolder(Path output, boolean resume) {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new ContrastiveException("--output " + output + " is a file; expected a folder");
        }
        boolean holdsRun = Files.exists(output.resolve(RUN_FILE)) || Files.exists(output.resolve("checkpoints"));
        if (!resume && holdsRun) {
            throw new ContrastiveException("--output " + output + " already holds a run; continue it with --resume"
                    + " or choose another folder");
        }
        if (resume && !holdsRun) {
            // A typo or another command's folder: training from scratch into it is not what --resume asked for.
            throw new ContrastiveException("--resume: " + output + " holds no run to continue (no " + RUN_FILE
                    + ", no checkpoints); check the folder, or start a new run without --resume");
        }
        OutputPaths.checkCreatable(output, "--output");
    }

    /**
     * The saved result of a finished run in {@code spec.output()}, if it finished; a finished run that was
     * trained otherwise than {@code spec} asks is refused rather than reported as this run's result.
     */
    private static Optional<TrainingResult> finishedResult(Spec spec, LossPlan plan) {
        Path file = spec.output().resolve(RUN_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode run;
        try {
            run = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ContrastiveException("cannot read " + file + ": " + IoProblems.describe(e), e);
        }
        JsonNode result = run.path("result");
        if (!result.isObject()) {
            return Optional.empty();
        }
        TrainingConfig c = spec.config();
        JsonNode h = run.path("hyperparameters");
        boolean same = run.path("loss").asText().equals(plan.spec().canonical())
                && h.path("epochs").asLong() == c.epochs() && h.path("max_steps").asLong() == c.maxSteps()
                && h.path("batch_size").asLong() == c.batchSize() && h.path("seed").asLong() == c.seed();
        if (!same) {
            throw new ContrastiveException("--resume: the run in " + spec.output() + " finished already, with loss '"
                    + run.path("loss").asText() + "', " + h.path("epochs").asLong() + " epochs, max steps "
                    + h.path("max_steps").asLong() + ", batch size " + h.path("batch_size").asLong() + " and seed "
                    + h.path("seed").asLong() + "; nothing to resume (start a new run in another folder)");
        }
        Map<String, Double> evaluation = new LinkedHashMap<>();
        result.path("evaluation").fields().forEachRemaining(f -> evaluation.put(f.getKey(), f.getValue().asDouble()));
        return Optional.of(new TrainingResult(result.path("steps").asLong(),
                Path.of(result.path("final_model").asText()), result.path("final_loss").asDouble(Double.NaN),
                evaluation, result.path("training_seconds").asDouble(), result.path("rows_per_second").asDouble()));
    }

    private static void createOutputFolder(Path output) {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new ContrastiveException("cannot create --output folder " + output + ": " + IoProblems.describe(e), e);
        }
    }

    private static void removeTemporaries(Path output) {
        // A run.json being replaced when an earlier process was killed leaves its temporary file behind.
        try (Stream<Path> entries = Files.list(output)) {
            for (Path leftover : entries.filter(p -> isTemporary(p, RUN_FILE)).toList()) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + output + ": " + e.getMessage(), e);
        }
    }

    /** A seeded random subset of {@code size} rows, kept in file order; all rows when no size is given. */
    static List<Example> subset(List<Example> rows, OptionalInt size, long seed) {
        if (size.isEmpty() || size.getAsInt() >= rows.size()) {
            return rows;
        }
        if (size.getAsInt() < 1) {
            throw new ContrastiveException("--train-size must be >= 1, got " + size.getAsInt());
        }
        List<Integer> indices = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            indices.add(i);
        }
        Collections.shuffle(indices, new Random(seed));
        List<Integer> chosen = new ArrayList<>(indices.subList(0, size.getAsInt()));
        Collections.sort(chosen);
        return chosen.stream().map(rows::get).toList();
    }

    private static ObjectNode describe(Spec spec, LossPlan plan, int rows, DataFormat format, SentenceEncoder encoder) {
        ObjectNode run = JSON.createObjectNode();
        run.put("contrastive4j", VersionProvider.version());
        run.put("started", Instant.now().toString());
        run.put("model", spec.model());
        run.put("max_seq_length", encoder.settings().maxSeqLength());
        run.put("loss", plan.spec().canonical());
        ObjectNode conversions = run.putObject("conversions");
        plan.losses().forEach(l -> l.converterName().ifPresent(c -> conversions.put(l.name(), c)));
        ObjectNode train = run.putObject("train");
        train.put("path", spec.train().toString()).put("sha256", sha256(spec.train())).put("rows", rows)
                .put("format", format.cliName());
        spec.trainSize().ifPresent(size -> train.put("subset_of_size", size));
        spec.eval().ifPresent(eval -> run.putObject("eval").put("path", eval.toString()).put("sha256", sha256(eval)));
        TrainingConfig c = spec.config();
        run.putObject("hyperparameters").put("epochs", c.epochs()).put("max_steps", c.maxSteps())
                .put("batch_size", c.batchSize()).put("learning_rate", c.learningRate())
                .put("warmup_ratio", c.warmupRatio()).put("weight_decay", c.weightDecay())
                .put("max_grad_norm", c.maxGradNorm()).put("seed", c.seed()).put("eval_steps", c.evalSteps())
                .put("save_steps", c.saveSteps());
        Engine engine = PyTorchRuntime.engine();
        run.putObject("versions").put("java", System.getProperty("java.version"))
                .put("djl", Engine.getDjlVersion()).put("pytorch", engine.getVersion());
        return run;
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** Replaces {@code file} in one step: the JSON goes to a temporary file beside it, which is then renamed. */
    static void writeJson(Path file, ObjectNode node) {
        Path temporary = file.resolveSibling(TEMPORARY_PREFIX + file.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMPORARY_SUFFIX);
        try {
            // Not Files.createTempFile: its owner-only permissions would pass on to the file.
            temporary.toFile().deleteOnExit(); // Ctrl-C or SIGTERM: no temporary left behind
            Files.write(temporary, JSON.writeValueAsBytes(node), StandardOpenOption.CREATE_NEW);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code path} is a temporary file that {@link #writeJson} left for {@code name}. */
    private static boolean isTemporary(Path path, String name) {
        String file = path.getFileName().toString();
        return file.startsWith(TEMPORARY_PREFIX + name + ".") && file.endsWith(TEMPORARY_SUFFIX);
    }
}
