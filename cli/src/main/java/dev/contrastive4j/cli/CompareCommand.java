package dev.contrastive4j.cli;

import dev.contrastive4j.compare.CompareConfigFile;
import dev.contrastive4j.compare.ComparePlan;
import dev.contrastive4j.compare.Comparison;
import dev.contrastive4j.compare.ComparisonReport;
import dev.contrastive4j.compare.ComparisonResult;
import dev.contrastive4j.compare.ComparisonSummary;
import dev.contrastive4j.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code c4j compare}: trains several loss configurations from one base model on one training set, measures
 * each on one test set, and writes a report ({@link Comparison}, {@link ComparisonReport}).
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

    /** Status cells longer than this are cut in the terminal; report.md keeps them whole. */
    private static final int STATUS_WIDTH = 60;

    @ParentCommand
    C4j root;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    TrainingOptions trainingOptions;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML or JSON file: base model, data, metrics,"
            + " hyperparameters and configurations (each a name, a loss and optional lr, batch_size, epochs,"
            + " max_steps…). Command-line options win over it.")
    Path configFile;

    @Option(names = "--train", paramLabel = "FILE", description = "Training data (default: the bundled WordNet"
            + " training split).")
    Path train;

    @Option(names = "--test", paramLabel = "FILE", description = "Test data: triplets, pairs or scored pairs"
            + " (default: the bundled WordNet test split, 2,109 triplets).")
    Path test;

    @Option(names = "--train-size", paramLabel = "N", description = "Train on a seeded subset of N rows (default with"
            + " the bundled data: " + ComparePlan.DEFAULT_TRAIN_SIZE + "; with --train: every row).")
    Integer trainSize;

    @Option(names = "--curve-size", paramLabel = "N", description = "Test examples in the seeded subset evaluated"
            + " during training, for the learning curves (default: " + ComparePlan.DEFAULT_CURVE_SIZE + ").")
    Integer curveSize;

    @Option(names = "--configs", paramLabel = "LIST", description = "The configurations, e.g. \"a=mnrl;"
            + " b=0.5*angle + 0.5*triplet\" (default: the eight of the description).")
    String configs;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",", description = "Metrics of the table and charts,"
            + " main metric first (default: triplet.cosine_accuracy, ir.mrr@10, ir.ndcg@10, ir.recall@1,"
            + " ir.recall@10).")
    List<String> metrics;

    @Option(names = "--truncate-dims", paramLabel = "LIST", split = ",", description = "Also measure every model"
            + " with its embeddings cut to each of these sizes, e.g. 256,128,64: a row name@size beside each"
            + " configuration (Matryoshka models; default: none).")
    List<Integer> truncateDims;

    @Option(names = "--seeds", paramLabel = "N", description = "Runs per configuration, with seeds S, S+1, …"
            + " (default: 1).")
    Integer seeds;

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
        plan.requireKnownLosses(registry); // before the comparison's first line, not after the base model
        Path folder = output != null ? output : Path.of("runs", "compare-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        err.println("c4j: comparing " + plan.configurations().size() + " configurations"
                + (plan.seeds() > 1 ? " × " + plan.seeds() + " seeds" : "") + " in " + folder);
        err.flush();

        Comparison.Builder comparison = Comparison.builder().plan(plan).output(folder).registry(registry)
                .device(modelOptions.device())
                .resume(resume)
                .log(message -> {
                    err.println("c4j: " + message);
                    err.flush();
                });
        if (!noProgress) {
            comparison.progress(ProgressDisplay::forStandardError);
        }
        if (root.verbose) {
            comparison.failureDetails(failure -> failure.printStackTrace(err));
        }
        root.setInterruptionNote("; finished configurations are kept in " + folder + ": the same command with"
                + (resume ? "" : " --resume") + (output != null ? "" : " --output " + folder) + " continues");
        ComparisonResult result = comparison.build().run();
        ComparisonSummary summary = result.summary();
        ComparisonReport report = result.report();

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

    /** Command line over file over defaults ({@link ComparePlan#builder()} holds the defaults). */
    private ComparePlan plan(CompareConfigFile file) {
        ComparePlan.Builder plan = ComparePlan.builder();
        if (file != null) {
            plan.configFile(file);
        }
        TrainingOptions.ifGiven(modelOptions.model, plan::model);
        TrainingOptions.ifGiven(modelOptions.maxSeqLength, plan::maxSeqLength);
        TrainingOptions.ifGiven(modelOptions.prompts, plan::prompts);
        TrainingOptions.ifGiven(train, plan::train);
        TrainingOptions.ifGiven(trainSize, plan::trainSize);
        TrainingOptions.ifGiven(test, plan::test);
        TrainingOptions.ifGiven(curveSize, plan::curveSize);
        TrainingOptions.ifGiven(configs, plan::configurations);
        TrainingOptions.ifGiven(metrics, plan::metrics);
        TrainingOptions.ifGiven(truncateDims, plan::truncateDims);
        TrainingOptions.ifGiven(seeds, plan::seeds);
        trainingOptions.applyTo(plan);
        return plan.build();
    }
}
