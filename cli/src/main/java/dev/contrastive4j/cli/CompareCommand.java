package dev.contrastive4j.cli;

import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.eval.PairedBootstrap;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code c4j compare}: trains several loss configurations from one base model on one training set, measures
 * each on one test set, and writes a report ({@link ComparisonRunner}, {@link ComparisonReport}).
 *
 * <p>Where a value comes from: the command line, else the {@code --config} file, else the defaults below,
 * sized so that the whole default comparison takes about ten minutes on a 2-core machine.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare loss configurations: train each from the same base model on the same data with the"
                + " same seed(s), evaluate all on the same test set, and write a report (report.md, report.html,"
                + " results.csv, results.json).",
            "Without options: all-MiniLM-L6-v2, a seeded subset of the bundled WordNet training split, the bundled"
                    + " test split, and mnrl, cmnrl, triplet, gist, angle, cosent, 0.5*angle + 0.5*triplet,"
                    + " 0.5*mnrl + 0.5*angle.",
            "Example: c4j compare --configs \"a=mnrl; b=0.5*angle + 0.5*triplet\" --seeds 3"})
final class CompareCommand implements Callable<Integer> {

    /** Training rows taken from the bundled data by default: about ten minutes for the whole comparison. */
    static final int DEFAULT_TRAIN_SIZE = 320;
    /** Test examples in the learning-curve subset by default. */
    static final int DEFAULT_CURVE_SIZE = 256;
    /** Updates between learning-curve evaluations by default. */
    static final long DEFAULT_EVAL_STEPS = 5;
    /**
     * Peak learning rate by default: five times {@code c4j train}'s 2e-5, because a default comparison trains
     * each configuration for only 10 updates, and at 2e-5 they would barely leave the base model.
     */
    static final double DEFAULT_LEARNING_RATE = 1e-4;
    /** Updates between checkpoints by default (a checkpoint lets an interrupted run continue). */
    static final long DEFAULT_SAVE_STEPS = 5;

    /** Status cells longer than this are cut in the terminal; report.md keeps them whole. */
    private static final int STATUS_WIDTH = 60;

    @ParentCommand
    C4j root;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML or JSON file: base model, data, metrics,"
            + " hyperparameters and configurations (each a name, a loss and optional lr, batch_size, epochs,"
            + " max_steps…). Command-line options win over it.")
    Path configFile;

    @Option(names = "--model", paramLabel = "M", description = "Base model: 'minilm' or a model folder (default:"
            + " minilm).")
    String model;

    @Option(names = "--train", paramLabel = "FILE", description = "Training data (default: the bundled WordNet"
            + " training split).")
    Path train;

    @Option(names = "--test", paramLabel = "FILE", description = "Test data: triplets, pairs or scored pairs"
            + " (default: the bundled WordNet test split, 2,109 triplets).")
    Path test;

    @Option(names = "--train-size", paramLabel = "N", description = "Train on a seeded subset of N rows (default with"
            + " the bundled data: " + DEFAULT_TRAIN_SIZE + "; with --train: every row).")
    Integer trainSize;

    @Option(names = "--curve-size", paramLabel = "N", description = "Test examples in the seeded subset evaluated"
            + " during training, for the learning curves (default: " + DEFAULT_CURVE_SIZE + ").")
    Integer curveSize;

    @Option(names = "--configs", paramLabel = "LIST", description = "The configurations, e.g. \"a=mnrl;"
            + " b=0.5*angle + 0.5*triplet\" (default: the eight of the description).")
    String configs;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",", description = "Metrics of the table and charts,"
            + " main metric first (default: triplet.cosine_accuracy, ir.mrr@10, ir.ndcg@10, ir.recall@1,"
            + " ir.recall@10).")
    List<String> metrics;

    @Option(names = "--seeds", paramLabel = "N", description = "Runs per configuration, with seeds S, S+1, …"
            + " (default: 1).")
    Integer seeds;

    @Option(names = "--seed", paramLabel = "S", description = "The first seed; also picks the data subsets"
            + " (default: 42).")
    Long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data (default: 1).")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop each run after N updates (default: 0, the"
            + " epochs decide).")
    Long maxSteps;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch (default: 32).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default: 1e-4, for short runs).")
    Double learningRate;

    @Option(names = "--eval-steps", paramLabel = "N", description = "Evaluate the test subset every N updates"
            + " (default: " + DEFAULT_EVAL_STEPS + "; 0: only after the last).")
    Long evalSteps;

    @Option(names = "--save-steps", paramLabel = "N", description = "Checkpoint every N updates, so that --resume can"
            + " continue a run (default: " + DEFAULT_SAVE_STEPS + ").")
    Long saveSteps;

    @Option(names = "--max-seq-length", paramLabel = "N", description = "Tokens per text (default: the model's).")
    Integer maxSeqLength;

    @Option(names = "--output", paramLabel = "DIR", description = "The comparison's folder (default:"
            + " runs/compare-<timestamp>).")
    Path output;

    @Option(names = "--resume", description = "Continue the comparison in --output: skip finished configurations,"
            + " continue a half-run one from its checkpoint, retry failed ones.")
    boolean resume;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (resume && output == null) {
            throw new ParameterException(spec.commandLine(),
                    "--resume needs --output: the folder of the comparison to continue");
        }
        ComparePlan plan = plan(configFile == null ? null : CompareConfigFile.read(configFile));
        PluginRegistry registry = root.registry(err);
        // A mistyped loss is known now; it should not wait for the base model's evaluation to be reported.
        for (CompareConfiguration configuration : plan.configurations()) {
            try {
                LossSpec.parse(configuration.loss(), registry);
            } catch (ContrastiveException e) {
                throw new ContrastiveException("configuration '" + configuration.name() + "': " + e.getMessage(), e);
            }
        }
        Path folder = output != null ? output : Path.of("runs", "compare-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        err.println("c4j: comparing " + plan.configurations().size() + " configurations"
                + (plan.seeds() > 1 ? " × " + plan.seeds() + " seeds" : "") + " in " + folder);
        err.flush();

        ComparisonRunner runner = new ComparisonRunner(plan, folder, registry, !noProgress, message -> {
            err.println("c4j: " + message);
            err.flush();
        });
        if (root.verbose) {
            runner.withFailureDetails(failure -> failure.printStackTrace(err));
        }
        root.setInterruptionNote("; finished configurations are kept in " + folder + ": the same command with"
                + (resume ? "" : " --resume") + (output != null ? "" : " --output " + folder) + " continues");
        List<RunRecord> records = runner.run(resume);

        ComparisonSummary summary = ComparisonSummary.of(records, plan.metrics(),
                PairedBootstrap.withSeed(plan.training().seed()));
        Path trainData = plan.trainSize().isPresent() ? folder.resolve(ComparisonRunner.TRAIN_SUBSET_FILE)
                : plan.train();
        List<Example> trainRows = Datasets.readAll(trainData, ReadOptions.defaults());
        ComparisonReport report = new ComparisonReport(plan, summary, records, new ComparisonReport.Facts(
                Instant.now(), (System.nanoTime() - start) / 1e9, trainRows.size(),
                trainRows.get(0).format().cliName(), Runtime.getRuntime().availableProcessors()));
        report.writeAll(folder);

        out.println();
        out.print(report.mainTable(STATUS_WIDTH).render());
        if (!summary.best().isEmpty()) {
            out.println();
            out.println("Difference from the best (paired bootstrap over test items, 95 %):");
            out.print(report.differenceTable().render());
        }
        out.println();
        long failed = summary.rows().stream().filter(row -> row.failed() > 0).count();
        out.printf(Locale.ROOT, "%d configurations compared in %s%s; report: %s%n", plan.configurations().size(),
                ComparisonReport.duration((System.nanoTime() - start) / 1e9),
                failed > 0 ? " (" + failed + " with failures)" : "", folder.resolve(ComparisonReport.HTML_FILE));
        out.flush();
        return 0;
    }

    /** Command line over file over defaults. */
    private ComparePlan plan(CompareConfigFile file) {
        CompareConfigFile.Content c = file == null ? new CompareConfigFile.Content(null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null) : file.content();
        Path trainFile = train != null ? train : c.train() != null ? file.resolve(c.train()) : null;
        boolean bundledTrain = trainFile == null;
        Path testFile = test != null ? test : c.test() != null ? file.resolve(c.test()) : null;
        Integer size = first(trainSize, c.trainSize(), bundledTrain ? DEFAULT_TRAIN_SIZE : null);
        TrainingConfig training = new TrainingConfig(
                first(epochs, c.epochs(), 1),
                first(maxSteps, c.maxSteps(), 0L),
                first(batchSize, c.batchSize(), 32),
                first(learningRate, c.lr(), DEFAULT_LEARNING_RATE),
                first(null, c.warmupRatio(), 0.1),
                first(null, c.weightDecay(), 0.01),
                first(null, c.maxGradNorm(), 1.0),
                first(seed, c.seed(), 42L),
                first(evalSteps, c.evalSteps(), DEFAULT_EVAL_STEPS),
                first(saveSteps, c.saveSteps(), DEFAULT_SAVE_STEPS),
                1);
        List<CompareConfiguration> configurations = configs != null ? CompareConfiguration.parseList(configs)
                : file != null && file.configurations() != null ? file.configurations()
                        : CompareConfiguration.defaults();
        Integer tokens = first(maxSeqLength, c.maxSeqLength(), null);
        if (tokens != null && tokens < 2) {
            throw new ContrastiveException("--max-seq-length must be >= 2, got " + tokens);
        }
        List<String> metricList = metrics != null ? metrics.stream().map(String::strip).toList()
                : c.metrics() != null ? c.metrics() : testFile == null ? ComparePlan.DEFAULT_METRICS : null;
        TestSet testSet = testFile == null ? TestSet.bundled() : TestSet.of(testFile);
        if (metricList == null) {
            metricList = defaultMetrics(testSet);
        }
        return new ComparePlan(first(model, file == null ? null : file.model(), EncoderLoader.MINILM),
                tokens == null ? OptionalInt.empty() : OptionalInt.of(tokens),
                bundledTrain ? BundledData.wordnetTrain() : trainFile,
                size == null ? OptionalInt.empty() : OptionalInt.of(size),
                testSet, first(curveSize, c.curveSize(), DEFAULT_CURVE_SIZE), metricList,
                first(seeds, c.seeds(), 1), training, configurations);
    }

    /** The main metrics a user's test file supports, by its format. */
    private static List<String> defaultMetrics(TestSet testSet) {
        if (!Files.isRegularFile(testSet.file())) {
            return ComparePlan.DEFAULT_METRICS; // the runner reports the missing file
        }
        return switch (testSet.examples().get(0).format()) {
            case TRIPLET -> ComparePlan.DEFAULT_METRICS;
            case PAIR -> ComparePlan.DEFAULT_METRICS.subList(1, ComparePlan.DEFAULT_METRICS.size());
            case SCORED_PAIR -> List.of(Metrics.SIMILARITY_SPEARMAN_COSINE,
                    Metrics.SIMILARITY_PEARSON_COSINE);
        };
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        return Arrays.stream(candidates).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
