package dev.contrastive4j.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.ComputeDevice;
import dev.contrastive4j.eval.EmbeddingCache;
import dev.contrastive4j.eval.EvaluationSuite;
import dev.contrastive4j.eval.ItemizedResult;
import dev.contrastive4j.eval.PairedBootstrap;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.files.AtomicFile;
import dev.contrastive4j.files.IoProblems;
import dev.contrastive4j.mining.HardNegativeMiner;
import dev.contrastive4j.mining.MiningData;
import dev.contrastive4j.mining.MiningListener;
import dev.contrastive4j.mining.MiningOptions;
import dev.contrastive4j.mining.MiningResult;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.train.OutputFolderLock;
import dev.contrastive4j.train.Training;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingListener;
import dev.contrastive4j.train.TrainingOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a {@link ComparePlan}: evaluates the base model, then trains and evaluates every configuration with
 * every seed, each run in its own folder, and returns what each run produced.
 *
 * <h2>Evaluation</h2>
 * Every run ends with the whole test set ({@link TestSet#suite()}), with per-item values for the paired
 * bootstrap. During training, every {@code evalSteps} updates and after the last, the trainer evaluates a fixed
 * seeded subset of {@code curveSize} test examples instead (learning curves; a subset because evaluation,
 * not training, would otherwise take most of the time). The subset's retrieval task ranks the subset's own
 * texts, so its numbers are higher than the whole set's and comparable only with each other. Within one
 * evaluation, every distinct text is embedded once and shared by all evaluators.
 *
 * <h2>Failures and resuming</h2>
 * A run that fails (an unknown loss, a missing plugin, a diverged loss…) is recorded with its reason and the
 * next run starts. A run is finished when its {@code result.json} says so; with {@code resume}, finished runs
 * are read back instead of run again, a run with a training folder continues from its newest checkpoint, and
 * failed runs are tried again. Checkpoints of finished runs are deleted (the final model stays).
 */
public final class Comparison {

    /** The plan, saved in the output folder. */
    public static final String PLAN_FILE = "compare.json";
    /** The training subset, when the plan takes one: every run trains on this file. */
    public static final String TRAIN_SUBSET_FILE = "train-subset.jsonl";
    /** A configuration's training data with mined negatives, in its folder. */
    public static final String MINED_FILE = "mined-train.jsonl";
    /** The name of the evaluator that runs during training. */
    static final String CURVE_EVALUATOR = "curve";

    private static final int EMBEDDING_BATCH_SIZE = 32;
    private static final String CHECKPOINTS_FOLDER = "checkpoints";

    private final ComparePlan plan;
    private final Path output;
    private final PluginRegistry registry;
    private final RunProgress.Factory progress;
    private final Consumer<String> log;
    private final List<TrainingListener> extraListeners;
    private final Consumer<Throwable> failureDetails;
    private final boolean resume;
    /** As asked for; made concrete when the comparison starts (see {@link ComputeDevice#concrete()}). */
    private ComputeDevice device;

    private Comparison(Builder builder) {
        this.plan = Objects.requireNonNull(builder.plan, "plan");
        this.output = Objects.requireNonNull(builder.output, "output");
        this.registry = builder.registry != null ? builder.registry
                : PluginRegistry.discover(Comparison.class.getClassLoader());
        this.progress = builder.progress;
        this.log = builder.log;
        this.extraListeners = List.copyOf(builder.listeners);
        this.failureDetails = builder.failureDetails;
        this.resume = builder.resume;
        this.device = builder.device;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every run of the plan not finished yet, then summarises them (paired bootstrap seeded with the plan's
     * seed) and writes the report files into the output folder.
     *
     * @throws ContrastiveException if the output folder, the data or the base model is unusable (failures of
     *     single configurations are recorded instead)
     */
    public ComparisonResult run() {
        long start = System.nanoTime();
        // A mistyped loss is known now; it should not wait for the base model's evaluation to be reported.
        plan.requireKnownLosses(registry);
        List<RunRecord> records = runAll();
        ComparisonSummary summary = ComparisonSummary.of(records, plan.metrics(),
                PairedBootstrap.withSeed(plan.training().seed()));
        Path trainData = plan.trainSize().isPresent() ? output.resolve(TRAIN_SUBSET_FILE) : plan.train();
        List<Example> trainRows = Datasets.readAll(trainData, ReadOptions.defaults());
        ComparisonReport report = new ComparisonReport(plan, summary, records, new ComparisonReport.Facts(
                Instant.now(), (System.nanoTime() - start) / 1e9, trainRows.size(),
                trainRows.get(0).format().cliName(), Runtime.getRuntime().availableProcessors()));
        report.writeAll(output);
        return new ComparisonResult(output, records, summary, report);
    }

    /**
     * Runs every run of the plan not finished yet, without the report.
     *
     * @return the base model's record first, then each configuration's records in plan and seed order
     */
    List<RunRecord> runAll() {
        // Locked for the whole comparison, like a training run's folder: a second comparison here is refused.
        OutputFolderLock lock = Files.isDirectory(output) ? OutputFolderLock.acquire(output, "--output") : null;
        try {
            boolean newFolder = !Files.exists(output);
            Set<Path> earlier = newFolder ? Set.of() : entries(output);
            prepareFolder(resume);
            if (lock == null) {
                lock = OutputFolderLock.acquire(output, "--output");
            }
            return run(resume, newFolder, earlier);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private List<RunRecord> run(boolean resume, boolean newFolder, Set<Path> earlier) {
        EvaluationSuite testSuite;
        EvaluationSuite curveSuite;
        Path trainFile;
        List<RunRecord> base;
        try {
            // Once for every model of the comparison: auto warns once, a missing GPU fails before any work.
            device = device.concrete();
            // Read and check all data before loading any model: a bad row should not wait for a model.
            testSuite = plan.test().suite();
            curveSuite = plan.test().subsetSuite(plan.curveSize(), plan.training().seed());
            trainFile = trainingData();
            if (plan.trainSize().isEmpty()) {
                Datasets.scan(trainFile, ReadOptions.defaults()); // a bad row now, not after the base model
            }
            for (CompareConfiguration configuration : plan.configurations()) {
                if (configuration.train().isPresent()) {
                    Datasets.scan(configuration.train().get(), ReadOptions.defaults());
                }
            }
            base = base(resume, testSuite, curveSuite);
            requireMetrics(base.get(0));
        } catch (RuntimeException e) {
            // Bad data, a bad base model or metric: a comparison that never started leaves no folder behind, and in
            // a folder that was there, nothing of its own (so that the corrected command is not refused).
            if (newFolder) {
                deleteQuietly(output, e);
            } else if (!resume) {
                try {
                    for (Path added : entries(output)) {
                        if (!earlier.contains(added) && !added.getFileName().toString()
                                .equals(OutputFolderLock.FILE_NAME)) {
                            deleteQuietly(added, e);
                        }
                    }
                } catch (UncheckedIOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }

        List<RunRecord> records = new ArrayList<>(base);
        int runs = plan.configurations().size() * plan.seeds();
        int number = 0;
        for (CompareConfiguration configuration : plan.configurations()) {
            for (long seed : plan.seedList()) {
                number++;
                records.addAll(train(configuration, seed, trainFile, testSuite, curveSuite, resume,
                        "[" + number + "/" + runs + "] "));
            }
        }
        return records;
    }

    private void prepareFolder(boolean resume) {
        Path planFile = output.resolve(PLAN_FILE);
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new ContrastiveException("--output " + output + " is a file; expected a folder");
        }
        ObjectNode current = plan.toJson(RunRecord.JSON);
        if (resume) {
            if (!Files.exists(planFile)) {
                throw new ContrastiveException("--resume: " + output + " holds no comparison (no " + PLAN_FILE
                        + "); start one without --resume");
            }
            try {
                JsonNode saved = RunRecord.JSON.readTree(planFile.toFile());
                ComparePlan.requireSame(saved, current, planFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + planFile + ": " + e.getMessage(), e);
            }
            return;
        }
        if (Files.exists(planFile)) {
            throw new ContrastiveException("--output " + output + " already holds a comparison; continue it with"
                    + " --resume or choose another folder");
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new ContrastiveException("cannot create --output folder " + output + ": " + e.getMessage(), e);
        }
        AtomicFile.writeJson(planFile, current);
    }

    /** The training file every run reads: the seeded subset written once into the output folder, or the file. */
    private Path trainingData() {
        if (plan.trainSize().isEmpty()) {
            return plan.train();
        }
        Path subsetFile = output.resolve(TRAIN_SUBSET_FILE);
        if (!Files.exists(subsetFile)) {
            List<Example> rows = Datasets.seededSubset(Datasets.readAll(plan.train(), ReadOptions.defaults()),
                    plan.trainSize(), plan.training().seed());
            Datasets.write(subsetFile, rows);
            log.accept("training on " + rows.size() + " rows of " + plan.train() + " (seed " + plan.training().seed()
                    + "), saved as " + subsetFile);
        }
        return subsetFile;
    }

    /** The base model's record, then one per truncated size. */
    private List<RunRecord> base(boolean resume, EvaluationSuite testSuite, EvaluationSuite curveSuite) {
        Path folder = output.resolve(CompareConfiguration.BASE_NAME);
        if (resume && Files.exists(folder.resolve(RunRecord.FILE_NAME))) {
            RunRecord saved = RunRecord.read(folder);
            if (saved.ok()) {
                log.accept("base model: evaluated before, skipped");
                return withTruncated(saved, folder);
            }
        }
        log.accept("evaluating the base model " + plan.model() + " ...");
        long start = System.nanoTime();
        Map<String, Double> curveMetrics;
        Evaluated evaluated;
        Map<Integer, Evaluated> truncated;
        try (SentenceEncoder encoder = new EncoderLoader(device).load(plan.model(), plan.maxSeqLength())) {
            TextEmbedder embedder = texts -> encoder.encode(texts, EMBEDDING_BATCH_SIZE);
            ColumnPrompts prompts = prompts(encoder);
            curveMetrics = curveSuite.withPrompts(prompts).asOneEvaluator(CURVE_EVALUATOR).evaluate(embedder).metrics();
            TextEmbedder measured = measuredEmbedder(embedder, encoder.dimension());
            EvaluationSuite promptedTest = testSuite.withPrompts(prompts);
            evaluated = Evaluated.of(promptedTest.evaluateItemized(measured));
            truncated = evaluateTruncated(measured, promptedTest);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        RunRecord record = new RunRecord(CompareConfiguration.BASE_NAME, "", "", null, RunRecord.Status.OK, null,
                seconds, 0, Double.NaN, Double.NaN, Double.NaN, evaluated.metrics(),
                List.of(new CurvePoint(0, curveMetrics)), evaluated.items(), null);
        createFolder(folder);
        List<RunRecord> records = writeRecords(folder, record, truncated);
        log.accept(String.format(Locale.ROOT, "base model: evaluated in %.1f s", seconds));
        return records;
    }

    /**
     * The embedder the whole test set is measured with: with truncated sizes to measure too, one that embeds each text
     * once for all sizes (the full-size evaluation embeds exactly what it did without them).
     *
     * @throws ContrastiveException if a truncated size is larger than the model's embeddings
     */
    private TextEmbedder measuredEmbedder(TextEmbedder embedder, int dimension) {
        if (plan.truncateDims().isEmpty()) {
            return embedder;
        }
        for (int size : plan.truncateDims()) {
            if (size > dimension) {
                throw new ContrastiveException("--truncate-dims " + size + " is larger than the model's embeddings ("
                        + dimension + ")");
            }
        }
        return new EmbeddingCache(embedder);
    }

    /** The whole test set at each truncated size of the plan, by size. */
    private Map<Integer, Evaluated> evaluateTruncated(TextEmbedder measured, EvaluationSuite testSuite) {
        Map<Integer, Evaluated> bySize = new LinkedHashMap<>();
        for (int size : plan.truncateDims()) {
            bySize.put(size, Evaluated.of(testSuite.evaluateItemized(measured.truncatedTo(size))));
        }
        return bySize;
    }

    /**
     * Writes a run's records: the truncated sizes' first, then the run's own {@code result.json}, whose presence marks
     * the run finished (so a finished run always has all of them).
     *
     * @return the run's record, then one per truncated size
     */
    private static List<RunRecord> writeRecords(Path folder, RunRecord record, Map<Integer, Evaluated> truncated) {
        List<RunRecord> records = new ArrayList<>();
        records.add(record);
        truncated.forEach((size, evaluated) -> {
            RunRecord atSize = record.truncatedTo(size, evaluated.metrics(), evaluated.items());
            atSize.write(folder, RunRecord.truncatedFileName(size));
            records.add(atSize);
        });
        record.write(folder);
        return records;
    }

    /** A finished run's record read back, with its truncated sizes' records. */
    private List<RunRecord> withTruncated(RunRecord saved, Path folder) {
        List<RunRecord> records = new ArrayList<>(List.of(saved));
        for (int size : plan.truncateDims()) {
            records.add(RunRecord.read(folder, RunRecord.truncatedFileName(size)));
        }
        return records;
    }

    private void requireMetrics(RunRecord base) {
        List<String> missing = plan.metrics().stream().filter(m -> !base.metrics().containsKey(m)).toList();
        if (!missing.isEmpty()) {
            throw new ContrastiveException("metric " + String.join(", ", missing) + " is not reported on the test"
                    + " set " + plan.test().file() + "; it reports " + String.join(", ", base.metrics().keySet()));
        }
    }

    /** The run's record, then one per truncated size (each failed too, if the run failed). */
    private List<RunRecord> train(CompareConfiguration configuration, long seed, Path trainFile,
            EvaluationSuite testSuite, EvaluationSuite curveSuite, boolean resume, String prefix) {
        Path folder = output.resolve(configuration.name()).resolve("seed-" + seed);
        String label = configuration.name() + " (seed " + seed + ")";
        String overrides = configuration.overrides().describe();
        if (resume && Files.exists(folder.resolve(RunRecord.FILE_NAME))) {
            RunRecord saved = RunRecord.read(folder);
            if (saved.ok()) {
                log.accept(prefix + label + ": finished before, skipped");
                return withTruncated(saved, folder);
            }
            log.accept(prefix + label + ": failed before (" + saved.reason() + "); trying again");
        }
        boolean continueRun = resume && Files.exists(folder.resolve(Training.RUN_FILE));
        log.accept(prefix + label + ": " + configuration.loss() + (overrides.isEmpty() ? "" : " [" + overrides + "]")
                + (continueRun ? ", continuing from its checkpoint" : ""));
        RunRecord record;
        Map<Integer, Evaluated> truncated = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            record = trainAndEvaluate(configuration, seed, trainFile, testSuite, curveSuite, folder, continueRun,
                    truncated).withSeconds((System.nanoTime() - start) / 1e9);
            log.accept(String.format(Locale.ROOT, "%s%s: done in %.1f s (%.1f s in updates)", prefix, label,
                    record.seconds(), record.trainingSeconds()));
        } catch (RuntimeException e) {
            String reason = reason(e);
            log.accept(prefix + label + ": FAILED: " + reason);
            failureDetails.accept(e);
            record = RunRecord.failed(configuration.name(), configuration.loss(), overrides, seed, reason)
                    .withSeconds((System.nanoTime() - start) / 1e9);
            truncated.clear();
        }
        createFolder(folder);
        List<RunRecord> records;
        if (record.ok()) {
            records = writeRecords(folder, record, truncated);
            deleteCheckpoints(folder);
        } else {
            record.write(folder);
            records = new ArrayList<>(List.of(record));
            for (int size : plan.truncateDims()) {
                records.add(record.truncatedTo(size, Map.of(), Map.of()));
            }
        }
        return records;
    }

    private RunRecord trainAndEvaluate(CompareConfiguration configuration, long seed, Path trainFile,
            EvaluationSuite testSuite, EvaluationSuite curveSuite, Path folder, boolean continueRun,
            Map<Integer, Evaluated> truncated) {
        TrainingConfig config = configuration.overrides().applyTo(plan.training()).withSeed(seed);
        if (configuration.hasOwnData()) {
            trainFile = ownTrainingData(configuration);
        }
        TrainingStopwatch stopwatch = new TrainingStopwatch();
        Evaluator curve = curveSuite.asOneEvaluator(CURVE_EVALUATOR);
        Training.Builder training = Training.builder().model(plan.model()).trainFile(trainFile)
                .loss(configuration.loss()).config(config).output(folder).resume(continueRun).registry(registry)
                .log(log).evaluators(() -> List.of(curve)).listener(stopwatch).prompts(plan.prompts()).device(device);
        plan.maxSeqLength().ifPresent(training::maxSeqLength);
        extraListeners.forEach(training::listener);
        TrainingOutcome outcome;
        try (RunProgress bar = progress.open(configuration.name())) {
            training.listener(bar);
            outcome = training.build().run();
        }
        Evaluated evaluated;
        try (SentenceEncoder trained = new EncoderLoader(device).load(outcome.result().finalModel().toString(),
                plan.maxSeqLength())) {
            TextEmbedder measured = measuredEmbedder(texts -> trained.encode(texts, EMBEDDING_BATCH_SIZE),
                    trained.dimension());
            EvaluationSuite promptedTest = testSuite.withPrompts(prompts(trained));
            evaluated = Evaluated.of(promptedTest.evaluateItemized(measured));
            truncated.putAll(evaluateTruncated(measured, promptedTest));
        }
        return new RunRecord(configuration.name(), outcome.plan().spec().canonical(),
                configuration.overrides().describe(), seed, RunRecord.Status.OK, null, Double.NaN,
                outcome.result().steps(), stopwatch.seconds(), stopwatch.rowsPerSecond(), outcome.result().finalLoss(), evaluated.metrics(),
                CurvePoint.readLog(folder), evaluated.items(),
                output.relativize(outcome.result().finalModel()).toString());
    }

    /**
     * A configuration's own training data: its file (or the comparison's whole training file), with hard negatives
     * mined by the base model when it asks for them, then the comparison's seeded subset of that. Each step's result is
     * kept in the configuration's folder, so every seed (and a resumed comparison) trains on the same rows.
     */
    private Path ownTrainingData(CompareConfiguration configuration) {
        Path folder = output.resolve(configuration.name());
        createFolder(folder);
        Path source = configuration.train().orElse(plan.train());
        if (configuration.mining().isPresent()) {
            Path mined = folder.resolve(MINED_FILE);
            if (!Files.exists(mined)) {
                mine(configuration, source, mined);
            }
            source = mined;
        }
        if (plan.trainSize().isEmpty()) {
            return source;
        }
        Path subsetFile = folder.resolve(TRAIN_SUBSET_FILE);
        if (!Files.exists(subsetFile)) {
            List<Example> rows = Datasets.seededSubset(Datasets.readAll(source, ReadOptions.defaults()),
                    plan.trainSize(), plan.training().seed());
            Datasets.write(subsetFile, rows);
            log.accept(configuration.name() + ": training on " + rows.size() + " rows of " + source + " (seed "
                    + plan.training().seed() + ")");
        }
        return subsetFile;
    }

    /** Mines {@code source}'s hard negatives with the base model (its positives are the candidates) into {@code mined}. */
    private void mine(CompareConfiguration configuration, Path source, Path mined) {
        MiningOptions options = configuration.mining().orElseThrow();
        MiningData data = MiningData.read(source, null, ReadOptions.defaults());
        HardNegativeMiner miner = new HardNegativeMiner(options);
        miner.check(data);
        log.accept(configuration.name() + ": mining " + options.describe() + " for " + data.rows().size() + " rows of "
                + source + " with " + plan.model() + " ...");
        MiningResult result;
        try (SentenceEncoder encoder = new EncoderLoader(device).load(plan.model(), plan.maxSeqLength())) {
            result = miner.mine(data, texts -> encoder.encode(texts, EMBEDDING_BATCH_SIZE), prompts(encoder),
                    mined, MiningListener.NONE);
        }
        log.accept(String.format(Locale.ROOT, "%s: %,d rows with mined negatives written (%,d anchors had no"
                + " candidate left, %,d too few) in %.1f s", configuration.name(), result.rowsWritten(),
                result.skippedNoCandidate(), result.skippedTooFew(), result.totalSeconds()));
    }

    /**
     * The plan's prompts looked up in a model. Every row is measured with the prompts the plan names and nothing
     * else: no model's default prompt, as in training, so that base and trained models see the same texts.
     */
    private ColumnPrompts prompts(SentenceEncoder encoder) {
        return plan.prompts().resolve(encoder.settings().prompts(), false, "--prompts");
    }

    /** One line that says why a run failed; the exception's type too where it is not a user error. */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
        if (e instanceof ContrastiveException || e instanceof UncheckedIOException) {
            return message;
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** A finished run needs its checkpoints no more (each holds the model and the optimiser state). */
    private void deleteCheckpoints(Path runFolder) {
        Path checkpoints = runFolder.resolve(CHECKPOINTS_FOLDER);
        if (!Files.isDirectory(checkpoints)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(checkpoints)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            log.accept("warning: cannot delete the checkpoints in " + checkpoints + ": " + e.getMessage());
        }
    }

    private static Set<Path> entries(Path folder) {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + IoProblems.describe(e), e);
        }
    }

    private static void deleteQuietly(Path folder, RuntimeException failure) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The metrics and per-item values of one evaluation of the whole test set, merged over its evaluators. */
    private record Evaluated(Map<String, Double> metrics, Map<String, double[]> items) {

        static Evaluated of(List<ItemizedResult> results) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            Map<String, double[]> items = new LinkedHashMap<>();
            for (ItemizedResult result : results) {
                metrics.putAll(result.result().metrics());
                items.putAll(result.items());
            }
            return new Evaluated(metrics, items);
        }
    }

    /** What a {@link Comparison} needs; only the plan and the output folder have no default. */
    public static final class Builder {

        private ComparePlan plan;
        private Path output;
        private PluginRegistry registry;
        private RunProgress.Factory progress = RunProgress.NONE;
        private Consumer<String> log = message -> { };
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Consumer<Throwable> failureDetails = failure -> { };
        private boolean resume;
        private ComputeDevice device = ComputeDevice.CPU;

        private Builder() {
        }

        /**
         * Where every model trains and is evaluated ({@code cpu}, {@code auto}, {@code cuda:N}); default
         * {@link ComputeDevice#CPU}. Not part of the plan: a comparison may continue on another device.
         */
        public Builder device(ComputeDevice value) {
            device = Objects.requireNonNull(value, "device");
            return this;
        }

        public Builder plan(ComparePlan value) {
            plan = value;
            return this;
        }

        /** The comparison's folder: one folder per run, the plan, the report. */
        public Builder output(Path value) {
            output = value;
            return this;
        }

        /** The loss and converter plugins; default: those on this class's class path. */
        public Builder registry(PluginRegistry value) {
            registry = value;
            return this;
        }

        /** Shows each training run's progress (the command line draws a bar); default: nothing shown. */
        public Builder progress(RunProgress.Factory value) {
            progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** One-line messages for the user: which run starts, how long it took, why it failed. */
        public Builder log(Consumer<String> value) {
            log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** Also tells {@code listener} about every training run (tests use it to interrupt a run). */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Also hands every run's failure, with its stack trace, to {@code details} ({@code --verbose}). */
        public Builder failureDetails(Consumer<Throwable> details) {
            failureDetails = Objects.requireNonNull(details, "details");
            return this;
        }

        /**
         * Continue the comparison in the output folder: finished runs are read back, a half-run one continues from
         * its checkpoint, failed ones are tried again.
         */
        public Builder resume(boolean value) {
            resume = value;
            return this;
        }

        public Comparison build() {
            return new Comparison(this);
        }
    }
}
