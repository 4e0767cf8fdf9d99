package dev.contrastive4j.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.Contrastive4j;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.ComputeDevice;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.expression.WeightedLoss;
import dev.contrastive4j.files.AtomicFile;
import dev.contrastive4j.files.IoProblems;
import dev.contrastive4j.files.OutputPaths;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One training run from files to a saved model: read and (optionally) subsample the data, plan the losses and
 * conversions, load the model, train, evaluate, and record everything in {@code run.json}. The library's way to
 * train; {@code c4j train} and {@code c4j compare} are thin mappings onto it.
 *
 * <pre>{@code
 * TrainingOutcome outcome = Training.builder()
 *         .model("minilm")
 *         .trainFile(Path.of("train.jsonl"))
 *         .loss("0.7*angle + 0.3*triplet")
 *         .config(TrainingConfig.builder().batchSize(32).learningRate(2e-5).build())
 *         .output(Path.of("runs/angle-triplet"))
 *         .build()
 *         .run();
 * Path model = outcome.result().finalModel();   // a sentence-transformers folder
 * }</pre>
 *
 * <p>Everything the caller gave is checked before the run folder appears, so a mistake leaves nothing behind; the
 * folder is locked for the run ({@link OutputFolderLock}).
 */
public final class Training {

    /** The run's record in its folder: what was trained, how, on what, and the result. */
    public static final String RUN_FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private final OptionalInt maxSeqLength;
    private final Path trainFile;
    private final ReadOptions readOptions;
    private final OptionalInt trainSize;
    private final Optional<Path> evaluationFile;
    private final Supplier<List<Evaluator>> evaluators;
    private final String loss;
    private final TrainingConfig config;
    private final Path output;
    private final boolean resume;
    private final Optional<String> keepBestBy;
    private final PluginRegistry registry;
    private final List<TrainingListener> listeners;
    private final Consumer<String> log;
    private final Prompts prompts;
    private final ComputeDevice device;

    private Training(Builder builder) {
        this.model = builder.model;
        this.maxSeqLength = builder.maxSeqLength;
        this.trainFile = Objects.requireNonNull(builder.trainFile, "trainFile");
        this.readOptions = builder.readOptions;
        this.trainSize = builder.trainSize;
        this.evaluationFile = builder.evaluationFile;
        this.evaluators = builder.evaluators;
        this.loss = builder.loss;
        this.config = builder.config;
        this.output = Objects.requireNonNull(builder.output, "output");
        this.resume = builder.resume;
        this.keepBestBy = builder.keepBestBy;
        this.registry = builder.registry != null ? builder.registry
                : PluginRegistry.discover(Training.class.getClassLoader());
        this.listeners = List.copyOf(builder.listeners);
        this.log = builder.log;
        this.prompts = builder.prompts;
        this.device = builder.device;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The run's folder. */
    public Path output() {
        return output;
    }

    /**
     * Trains, saves the final model in {@code output/final} and writes {@code run.json}; with {@code resume}, continues
     * from the newest checkpoint in the folder (a run that finished already is reported, not repeated).
     *
     * @throws ContrastiveException for bad data, an unknown loss, a folder that holds another run, and the like
     */
    public TrainingOutcome run() {
        // An existing folder is locked before it is looked at, so that no other run changes it meanwhile; a new one
        // as soon as it exists. The lock is held until the run ends, however it ends.
        OutputFolderLock lock = Files.isDirectory(output) ? OutputFolderLock.acquire(output, "--output") : null;
        try {
            // Everything the user gave is checked before the run folder appears: a mistake leaves nothing behind.
            checkOutputFolder(output, resume);
            List<Example> rows = Datasets.seededSubset(Datasets.readAll(trainFile, readOptions), trainSize,
                    config.seed());
            DataFormat format = rows.get(0).format();
            LossSpec spec = LossSpec.parse(loss, registry);
            LossPlan plan = LossPlan.create(spec, format, registry, trainFile.toString());
            for (PlannedLoss planned : plan.losses()) {
                planned.converterName().ifPresent(converter -> log.accept("loss " + planned.name() + " trains on "
                        + planned.inputFormat().cliName() + " data: converting " + format.cliName() + " rows with "
                        + converter));
            }
            if (resume) {
                Optional<TrainingResult> finished = finishedResult(plan);
                if (finished.isPresent()) {
                    log.accept("the run in " + output + " finished already (" + finished.get().steps()
                            + " steps); nothing to resume, nothing changed");
                    return new TrainingOutcome(finished.get(), plan, rows.size());
                }
            }
            List<Evaluator> evaluatorList = evaluators.get();
            if (keepBestBy.isPresent()) {
                if (evaluatorList.isEmpty()) {
                    throw new ContrastiveException("--keep-best needs an evaluation: give --eval FILE");
                }
                BestModelKeeper.requireReported(keepBestBy.get(), evaluatorList);
            }
            try (SentenceEncoder encoder = new EncoderLoader(device).load(model, maxSeqLength)) {
                requireNoGuideModelOffCpu(spec, encoder.device());
                // As sentence-transformers' trainer: the prompts asked for, not the model's default prompt.
                ColumnPrompts columnPrompts = prompts.resolve(encoder.settings().prompts(), false, "--prompts");
                rows = columnPrompts.applyAll(rows);
                evaluatorList = evaluatorList.stream().map(e -> e.withPrompts(columnPrompts)).toList();
                ObjectNode run = describe(plan, rows.size(), format, encoder);
                if (lock == null) {
                    createOutputFolder(output);
                    lock = OutputFolderLock.acquire(output, "--output");
                    checkOutputFolder(output, resume); // another run may have started here meanwhile
                }
                removeTemporaries(output);
                EncoderTrainingModel trainingModel = new EncoderTrainingModel(encoder, 32,
                        columnPrompts.savedWith(encoder.settings().prompts()));
                List<TrainingListener> all = new ArrayList<>(listeners);
                // run.json is (re)written only once the trainer has accepted the checkpoint: a refused resume
                // leaves the run's record as it was.
                all.add(0, new TrainingListener() {
                    @Override
                    public void onStart(long firstStep, long totalSteps) {
                        AtomicFile.writeJson(output.resolve(RUN_FILE), run);
                    }
                });
                keepBestBy.ifPresent(metric -> all.add(new BestModelKeeper(metric, trainingModel, output)));
                Trainer trainer = new Trainer(trainingModel, plan, config, output, evaluatorList, all);
                TrainingResult result = trainer.train(rows, resume);
                ObjectNode outcome = run.putObject("result");
                outcome.put("steps", result.steps()).put("final_loss", result.finalLoss())
                        .put("training_seconds", result.trainingSeconds())
                        .put("rows_per_second", result.rowsPerSecond())
                        .put("final_model", result.finalModel().toString());
                result.evaluation().forEach(outcome.putObject("evaluation")::put);
                AtomicFile.writeJson(output.resolve(RUN_FILE), run);
                return new TrainingOutcome(result, plan, rows.size());
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
     * The saved result of a finished run in the output folder, if it finished; a finished run that was
     * trained otherwise than this one asks is refused rather than reported as this run's result.
     */
    private Optional<TrainingResult> finishedResult(LossPlan plan) {
        Path file = output.resolve(RUN_FILE);
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
        TrainingConfig c = config;
        JsonNode h = run.path("hyperparameters");
        boolean same = run.path("loss").asText().equals(plan.spec().canonical())
                && h.path("epochs").asLong() == c.epochs() && h.path("max_steps").asLong() == c.maxSteps()
                && h.path("batch_size").asLong() == c.batchSize() && h.path("seed").asLong() == c.seed()
                && run.path("prompts").asText("").equals(prompts.isEmpty() ? "" : prompts.toString());
        if (!same) {
            throw new ContrastiveException("--resume: the run in " + output + " finished already, with loss '"
                    + run.path("loss").asText() + "', " + h.path("epochs").asLong() + " epochs, max steps "
                    + h.path("max_steps").asLong() + ", batch size " + h.path("batch_size").asLong() + " and seed "
                    + h.path("seed").asLong() + (run.has("prompts") ? ", prompts '" + run.path("prompts").asText() + "'"
                    : "") + "; nothing to resume (start a new run in another folder)");
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
            for (Path leftover : entries.filter(p -> AtomicFile.isTemporaryFor(p, RUN_FILE)).toList()) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + output + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode describe(LossPlan plan, int rows, DataFormat format, SentenceEncoder encoder) {
        ObjectNode run = JSON.createObjectNode();
        run.put("contrastive4j", Contrastive4j.version());
        run.put("started", Instant.now().toString());
        run.put("model", model);
        run.put("max_seq_length", encoder.settings().maxSeqLength());
        run.put("device", ComputeDevice.name(encoder.device()));
        run.put("loss", plan.spec().canonical());
        if (!prompts.isEmpty()) {
            run.put("prompts", prompts.toString());
        }
        ObjectNode conversions = run.putObject("conversions");
        plan.losses().forEach(l -> l.converterName().ifPresent(c -> conversions.put(l.name(), c)));
        ObjectNode train = run.putObject("train");
        train.put("path", trainFile.toString()).put("sha256", sha256(trainFile)).put("rows", rows)
                .put("format", format.cliName());
        trainSize.ifPresent(size -> train.put("subset_of_size", size));
        evaluationFile.ifPresent(eval -> run.putObject("eval").put("path", eval.toString()).put("sha256", sha256(eval)));
        TrainingConfig c = config;
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

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /**
     * Guide and teacher models (GISTEmbed, MarginMSE) are frozen encoders the plugin registry loads on the CPU; their
     * embeddings cannot meet a model on a GPU in one graph, so such a loss trains on the CPU only, for now.
     */
    static void requireNoGuideModelOffCpu(LossSpec spec, Device modelDevice) {
        if (modelDevice.equals(Device.cpu())) {
            return;
        }
        guidedLoss(spec).ifPresent(name -> {
            throw new ContrastiveException("loss '" + name + "' uses a frozen guide model, which is loaded on the"
                    + " CPU; training it with the model on " + ComputeDevice.name(modelDevice)
                    + " is not supported: use --device cpu");
        });
    }

    private static Optional<String> guidedLoss(LossSpec spec) {
        for (WeightedLoss term : spec.losses()) {
            if (term.descriptor().needsGuideModel()) {
                return Optional.of(term.descriptor().name());
            }
            if (term.inner() != null) {
                Optional<String> inner = guidedLoss(term.inner());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    /** What a {@link Training} needs; only the training file and the output folder have no default. */
    public static final class Builder {

        private String model = EncoderLoader.MINILM;
        private OptionalInt maxSeqLength = OptionalInt.empty();
        private Path trainFile;
        private ReadOptions readOptions = ReadOptions.defaults();
        private OptionalInt trainSize = OptionalInt.empty();
        private Optional<Path> evaluationFile = Optional.empty();
        private Supplier<List<Evaluator>> evaluators = List::of;
        private String loss = "mnrl";
        private TrainingConfig config = TrainingConfig.defaults();
        private Path output;
        private boolean resume;
        private Optional<String> keepBestBy = Optional.empty();
        private PluginRegistry registry;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Consumer<String> log = message -> { };
        private Prompts prompts = Prompts.NONE;
        private ComputeDevice device = ComputeDevice.CPU;

        private Builder() {
        }

        /** Where the model trains ({@code cpu}, {@code auto}, {@code cuda:N}); default {@link ComputeDevice#CPU}. */
        public Builder device(ComputeDevice value) {
            device = Objects.requireNonNull(value, "device");
            return this;
        }

        /** A bundled model name ({@code minilm}, {@code bge-small}) or a model folder; default {@code minilm}. */
        public Builder model(String value) {
            model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** Tokens per text; default: the model's own limit. */
        public Builder maxSeqLength(int value) {
            maxSeqLength = EncoderLoader.tokenLimit(value);
            return this;
        }

        /** The training data: JSONL, CSV or TSV, optionally gzipped. */
        public Builder trainFile(Path value) {
            trainFile = value;
            return this;
        }

        /** How to read the data files (column mapping, bad rows); default {@link ReadOptions#defaults()}. */
        public Builder readOptions(ReadOptions value) {
            readOptions = Objects.requireNonNull(value, "readOptions");
            return this;
        }

        /** Train on a random subset of this many rows, chosen by the configuration's seed. */
        public Builder trainSize(int value) {
            trainSize = OptionalInt.of(value);
            return this;
        }

        /** Train on a subset only when {@code value} holds a size. */
        public Builder trainSize(OptionalInt value) {
            trainSize = Objects.requireNonNull(value, "trainSize");
            return this;
        }

        /** The file the evaluators read, recorded in {@code run.json}. */
        public Builder evaluationFile(Path value) {
            evaluationFile = Optional.of(value);
            return this;
        }

        /**
         * The evaluators that run every {@code evalSteps} updates and at the end; made only once the data and the
         * loss have been checked, so that a mistake there does not wait for test data to load.
         */
        public Builder evaluators(Supplier<List<Evaluator>> value) {
            evaluators = Objects.requireNonNull(value, "evaluators");
            return this;
        }

        /** The loss expression, e.g. {@code 0.7*angle + 0.3*triplet(margin=0.5)}; default {@code mnrl}. */
        public Builder loss(String value) {
            loss = Objects.requireNonNull(value, "loss");
            return this;
        }

        public Builder config(TrainingConfig value) {
            config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** The run's folder: checkpoints, {@code final/}, {@code metrics.jsonl}, {@code run.json}. */
        public Builder output(Path value) {
            output = value;
            return this;
        }

        /** Continue the run in the output folder from its newest checkpoint. */
        public Builder resume(boolean value) {
            resume = value;
            return this;
        }

        /** Keep the model of the best evaluation by this metric in {@code output/best}. */
        public Builder keepBestBy(String metric) {
            keepBestBy = Optional.of(metric);
            return this;
        }

        /** The loss and converter plugins; default: those on this class's class path. */
        public Builder registry(PluginRegistry value) {
            registry = value;
            return this;
        }

        /** Also tells {@code listener} about the run's progress (steps, evaluations, checkpoints). */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** One-line messages for the user (conversions chosen, a finished run found); default: none. */
        public Builder log(Consumer<String> value) {
            log = Objects.requireNonNull(value, "log");
            return this;
        }

        /**
         * Prompts put in front of each column's texts (see {@link Prompts}), in training and in the evaluations
         * during training; saved with the model (see {@link ColumnPrompts#savedWith}). Default: none.
         */
        public Builder prompts(Prompts value) {
            prompts = java.util.Objects.requireNonNull(value, "prompts");
            return this;
        }

        public Training build() {
            return new Training(this);
        }
    }
}
