package dev.contrastive4j.cli;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.eval.Evaluation;
import dev.contrastive4j.eval.EvaluationReport;
import dev.contrastive4j.eval.EvaluationSuite;
import dev.contrastive4j.files.OutputPaths;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code c4j evaluate}: measures a model on held-out data and prints every metric. The data's format picks
 * the evaluators ({@link EvaluationSuite}); with no data named, the bundled WordNet test split is used,
 * the same test every {@code c4j compare} run reports.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a sentence-embedding model on held-out data, e.g.:",
            "  c4j evaluate          (minilm on the bundled WordNet test split)",
            "  c4j evaluate --model runs/x/final --eval test.jsonl --output r.json",
            "  c4j evaluate --beir scifact/",
            "",
            "The data picks the evaluators: triplets: triplet accuracy, and retrieval",
            "(each anchor ranks every positive and negative); pairs: retrieval (each",
            "anchor ranks every positive); scored pairs: correlation of similarity",
            "with the scores; BEIR files: retrieval.",
            ""})
final class EvaluateCommand implements Callable<Integer> {

    /** The prefix of the retrieval evaluator on BEIR files when a data file is evaluated as well. */
    static final String BEIR_PREFIX = "beir-";

    @ParentCommand
    C4j root;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--eval", paramLabel = "FILE",
            description = "A data file (JSONL, CSV or TSV, optionally .gz) of triplets, pairs or scored pairs.")
    Path evalFile;

    @Option(names = "--beir", paramLabel = "DIR",
            description = "A BEIR folder: corpus.jsonl(.gz), queries.jsonl(.gz), qrels.tsv or qrels/test.tsv.")
    Path beirFolder;

    @Option(names = "--queries", paramLabel = "FILE", description = "BEIR queries file (with --corpus and --qrels).")
    Path queries;

    @Option(names = "--corpus", paramLabel = "FILE", description = "BEIR corpus file (with --queries and --qrels).")
    Path corpus;

    @Option(names = "--qrels", paramLabel = "FILE", description = "BEIR relevance judgements, TSV (with --queries and"
            + " --corpus).")
    Path qrels;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
    Path output;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Texts per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--truncate-dim", paramLabel = "N",
            description = "Evaluate the embeddings cut to their first N components (a Matryoshka model at a smaller"
                    + " size, or any model truncated the same way). Default: the full embeddings.")
    Integer truncateDim;

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // Read and check the data before the model: a bad row should not wait for a model to load.
        Evaluation.Builder evaluation = Evaluation.builder().model(modelOptions.model()).suite(suite())
                .batchSize(batchSize).prompts(modelOptions.prompts()).device(modelOptions.device())
                .log(message -> {
                    err.println("c4j: " + message);
                    err.flush();
                });
        if (modelOptions.maxSeqLength != null) {
            evaluation.maxSeqLength(modelOptions.maxSeqLength);
        }
        if (truncateDim != null) {
            evaluation.truncateDim(truncateDim);
        }
        EvaluationReport report = evaluation.build().run();

        out.println("Model: " + report.model());
        out.println("Data:  " + String.join(", ", report.data()));
        out.printf(Locale.ROOT, "Time:  %.1f s%n%n", report.seconds());
        out.print(report.toTable());
        if (output != null) {
            report.write(output);
            out.println();
            out.println("Wrote " + output);
        }
        out.flush();
        return 0;
    }

    private void validate() {
        if (truncateDim != null && truncateDim < 1) {
            throw usage("--truncate-dim must be at least 1, found " + truncateDim);
        }
        if (batchSize < 1) {
            throw usage("--batch-size must be at least 1, found " + batchSize);
        }
        int beirFiles = (queries != null ? 1 : 0) + (corpus != null ? 1 : 0) + (qrels != null ? 1 : 0);
        if (beirFiles != 0 && beirFiles != 3) {
            throw usage("--queries, --corpus and --qrels go together; found only "
                    + String.join(" and ", present()));
        }
        if (beirFiles == 3 && beirFolder != null) {
            throw usage("give either --beir DIR or --queries, --corpus and --qrels, not both");
        }
        if (output != null && Files.isDirectory(output)) {
            throw usage("--output must name a file, found the folder " + output);
        }
        if (output != null) {
            // Before minutes of evaluation, not after: the report must have somewhere to go.
            OutputPaths.checkNotInput(output, "--output", evalFile, "--eval");
            OutputPaths.checkNotInput(output, "--output", queries, "--queries");
            OutputPaths.checkNotInput(output, "--output", corpus, "--corpus");
            OutputPaths.checkNotInput(output, "--output", qrels, "--qrels");
            if (beirFolder != null) {
                for (String name : List.of("corpus.jsonl", "corpus.jsonl.gz", "queries.jsonl", "queries.jsonl.gz",
                        "qrels.tsv", "qrels/test.tsv")) {
                    OutputPaths.checkNotInput(output, "--output", beirFolder.resolve(name), "--beir");
                }
            }
            OutputPaths.checkCreatable(output, "--output");
        }
    }

    private List<String> present() {
        return Stream.of(queries != null ? "--queries" : null, corpus != null ? "--corpus" : null,
                        qrels != null ? "--qrels" : null)
                .filter(Objects::nonNull).toList();
    }

    private EvaluationSuite suite() {
        EvaluationSuite beir = null;
        if (beirFolder != null) {
            beir = EvaluationSuite.forBeirFolder(beirFolder);
        } else if (queries != null) {
            beir = EvaluationSuite.forBeir(corpus, queries, qrels);
        }
        if (evalFile == null && beir == null) {
            return EvaluationSuite.forTestSplit(BundledData.wordnetTest(), BundledData.wordnetTestRetrieval());
        }
        if (evalFile == null) {
            return beir;
        }
        EvaluationSuite file = EvaluationSuite.forFile(evalFile, ReadOptions.defaults());
        return beir == null ? file : file.plus(beir.withNamePrefix(BEIR_PREFIX));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
