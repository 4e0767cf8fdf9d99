package dev.contrastive4j.eval;

import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The evaluators for a held-out data set, chosen by the data's format, run together on one model: what
 * {@code c4j evaluate}, {@code c4j train --eval} and {@code c4j compare} measure.
 *
 * <table>
 *   <caption>Evaluators per data format</caption>
 *   <tr><th>data</th><th>evaluators (names)</th></tr>
 *   <tr><td>triplets</td><td>{@link TripletEvaluator} ({@code triplet}) and an {@link InformationRetrievalEvaluator}
 *       ({@code ir}) over {@link RetrievalDataset#fromTriplets}</td></tr>
 *   <tr><td>pairs</td><td>{@link InformationRetrievalEvaluator} ({@code ir}) over {@link RetrievalDataset#fromPairs}:
 *       each anchor ranks every positive of the file</td></tr>
 *   <tr><td>scored pairs</td><td>{@link EmbeddingSimilarityEvaluator} ({@code similarity})</td></tr>
 *   <tr><td>BEIR files</td><td>{@link InformationRetrievalEvaluator} ({@code ir})</td></tr>
 * </table>
 *
 * <h2>Embedding</h2>
 * {@link #evaluate} gives every evaluator the same {@link TextEmbedder} behind a cache, so a text that two
 * evaluators need (every text of a triplet file is also a query or document of its retrieval task) is
 * embedded once. Evaluators ask for up to {@value #TEXTS_PER_CALL} texts per call, so that a model which
 * sorts a call's texts by length before batching them (as {@code SentenceEncoder.encode} does) pads little;
 * the model's own batch size is the caller's business.
 *
 * <pre>{@code
 * EvaluationSuite suite = EvaluationSuite.forFile(Path.of("test.jsonl"), ReadOptions.defaults());
 * List<EvaluationResult> results = suite.evaluate(texts -> encoder.encode(texts, 32));
 * }</pre>
 *
 * <p>Immutable; the data is read and checked when the suite is built, so a bad file fails before any model
 * is loaded.
 */
public final class EvaluationSuite {

    /** The most texts an evaluator passes to the embedder in one call. */
    public static final int TEXTS_PER_CALL = 1024;

    private final List<Evaluator> evaluators;
    private final List<String> sources;

    private EvaluationSuite(List<Evaluator> evaluators, List<String> sources) {
        this.evaluators = List.copyOf(evaluators);
        this.sources = List.copyOf(sources);
        Set<String> names = new HashSet<>();
        for (Evaluator evaluator : this.evaluators) {
            if (!names.add(evaluator.name())) {
                throw new IllegalArgumentException("two evaluators are named '" + evaluator.name()
                        + "'; give one a prefix with withNamePrefix");
            }
        }
    }

    /**
     * A suite of the given evaluators.
     *
     * @param sources where their data came from (file or folder names), for reports
     * @throws IllegalArgumentException if two evaluators have the same name
     */
    public static EvaluationSuite of(List<Evaluator> evaluators, List<String> sources) {
        return new EvaluationSuite(evaluators, sources);
    }

    /**
     * Reads a data file (JSONL, CSV or TSV, possibly gzipped; see {@code ExampleReader}) and picks the
     * evaluators its format calls for (see the class comment).
     *
     * @throws ContrastiveException if the file is missing, unreadable or malformed, or holds too little data
     *     for its evaluators (scored pairs need at least two rows)
     */
    public static EvaluationSuite forFile(Path file, ReadOptions options) {
        return forExamples(Datasets.readAll(file, options), file.toString());
    }

    /**
     * Picks the evaluators for examples of one format (see the class comment).
     *
     * @param source where the examples came from, for messages and reports
     * @throws ContrastiveException if there are no examples, or too few for their evaluators
     * @throws IllegalArgumentException if the examples are of more than one format
     */
    public static EvaluationSuite forExamples(List<? extends Example> examples, String source) {
        if (examples.isEmpty()) {
            throw new ContrastiveException(source + ": expected evaluation examples, found none");
        }
        DataFormat format = examples.get(0).format();
        for (Example example : examples) {
            if (example.format() != format) {
                throw new IllegalArgumentException(source + ": expected every example to be a " + format.cliName()
                        + ", found a " + example.format().cliName());
            }
        }
        List<Evaluator> evaluators = switch (format) {
            case TRIPLET -> {
                List<Triplet> triplets = cast(examples, Triplet.class);
                yield List.of(new TripletEvaluator(TripletEvaluator.DEFAULT_NAME, triplets, TEXTS_PER_CALL),
                        retrieval(RetrievalDataset.fromTriplets(triplets)));
            }
            case PAIR -> List.of(retrieval(RetrievalDataset.fromPairs(cast(examples, Pair.class))));
            case SCORED_PAIR -> List.of(new EmbeddingSimilarityEvaluator(EmbeddingSimilarityEvaluator.DEFAULT_NAME,
                    cast(examples, ScoredPair.class), TEXTS_PER_CALL));
        };
        return new EvaluationSuite(evaluators, List.of(source));
    }

    /**
     * A retrieval evaluator ({@code ir}) over the three files of a BEIR data set (see {@link BeirReader}).
     *
     * @throws ContrastiveException if a file is missing or malformed, or no query has a relevant document
     */
    public static EvaluationSuite forBeir(Path corpus, Path queries, Path qrels) {
        return new EvaluationSuite(List.of(retrieval(BeirReader.read(corpus, queries, qrels))),
                List.of(corpus.toString(), queries.toString(), qrels.toString()));
    }

    /**
     * A retrieval evaluator ({@code ir}) over a BEIR folder: {@code corpus.jsonl}, {@code queries.jsonl}
     * (each possibly gzipped, as {@code .jsonl.gz}) and the judgements in {@code qrels.tsv}, or in
     * {@code qrels/test.tsv} as BEIR's downloads have them.
     *
     * @throws ContrastiveException if a file is missing or malformed, or no query has a relevant document
     */
    public static EvaluationSuite forBeirFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ContrastiveException("BEIR folder " + folder + ": expected a folder, found "
                    + (Files.exists(folder) ? "a file" : "nothing"));
        }
        RetrievalDataset data = BeirReader.read(locate(folder, "corpus.jsonl"), locate(folder, "queries.jsonl"),
                qrels(folder));
        return new EvaluationSuite(List.of(retrieval(data)), List.of(folder.toString()));
    }

    /**
     * The fixed test of every comparison: triplet accuracy on a triplet file, and retrieval on the same
     * collection in the BEIR layout (for the bundled WordNet split: {@code test.jsonl.gz} and {@code test-ir/}).
     *
     * @throws ContrastiveException if the triplet file holds anything but triplets, or either is unreadable
     */
    public static EvaluationSuite forTestSplit(Path tripletFile, Path beirFolder) {
        List<Example> examples = Datasets.readAll(tripletFile, ReadOptions.defaults());
        DataFormat format = examples.get(0).format();
        if (format != DataFormat.TRIPLET) {
            throw new ContrastiveException(tripletFile + ": expected triplets (anchor, positive, negative), found "
                    + format.cliName() + " data");
        }
        TripletEvaluator triplets = new TripletEvaluator(TripletEvaluator.DEFAULT_NAME,
                cast(examples, Triplet.class), TEXTS_PER_CALL);
        return new EvaluationSuite(List.of(triplets), List.of(tripletFile.toString())).plus(forBeirFolder(beirFolder));
    }

    /**
     * This suite's evaluators followed by the other's.
     *
     * @throws IllegalArgumentException if an evaluator name occurs in both (see {@link #withNamePrefix})
     */
    public EvaluationSuite plus(EvaluationSuite other) {
        List<Evaluator> all = new ArrayList<>(evaluators);
        all.addAll(other.evaluators);
        List<String> allSources = new ArrayList<>(sources);
        allSources.addAll(other.sources);
        return new EvaluationSuite(all, allSources);
    }

    /** This suite with every evaluator's name (and so its results' label) prefixed, e.g. {@code beir-ir}. */
    public EvaluationSuite withNamePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return new EvaluationSuite(
                evaluators.stream().map(evaluator -> (Evaluator) new Renamed(prefix + evaluator.name(), evaluator))
                        .toList(),
                sources);
    }

    /**
     * This suite with each column's prompt in front of its texts, in every evaluator (see
     * {@link Evaluator#withPrompts}).
     */
    public EvaluationSuite withPrompts(ColumnPrompts prompts) {
        return prompts.isEmpty() ? this
                : new EvaluationSuite(evaluators.stream().map(e -> e.withPrompts(prompts)).toList(), sources);
    }

    /** The evaluators, in the order {@link #evaluate} runs them. */
    public List<Evaluator> evaluators() {
        return evaluators;
    }

    /** Where the data came from: the files or folders read, in order. */
    public List<String> sources() {
        return sources;
    }

    /**
     * Runs every evaluator on the model, embedding each distinct text at most once.
     *
     * @return one result per evaluator, in order
     */
    public List<EvaluationResult> evaluate(TextEmbedder model) {
        EmbeddingCache cache = new EmbeddingCache(model);
        return evaluators.stream().map(evaluator -> evaluator.evaluate(cache)).toList();
    }

    /**
     * Runs every evaluator on the model as {@link #evaluate} does (each distinct text embedded at most once),
     * keeping the per-item values of the evaluators that have them ({@link ItemizedEvaluator}): triplet
     * outcomes per comparison, reciprocal ranks per query.
     *
     * @return one result per evaluator, in order; evaluators without per-item values give empty items
     */
    public List<ItemizedResult> evaluateItemized(TextEmbedder model) {
        EmbeddingCache cache = new EmbeddingCache(model);
        return evaluators.stream().map(evaluator -> evaluator instanceof ItemizedEvaluator itemized
                ? itemized.evaluateItemized(cache)
                : ItemizedResult.withoutItems(evaluator.evaluate(cache))).toList();
    }

    /**
     * The whole suite as one evaluator whose result holds every evaluator's metrics (metric names are unique
     * across evaluators: they start with the evaluator's family), sharing one embedding cache per call. This is
     * what the trainer runs every N steps.
     */
    public Evaluator asOneEvaluator(String name) {
        return new Evaluator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public EvaluationResult evaluate(TextEmbedder embedder) {
                EvaluationResult.Builder merged = EvaluationResult.builder(name);
                for (EvaluationResult result : EvaluationSuite.this.evaluate(embedder)) {
                    result.metrics().forEach(merged::put);
                }
                return merged.build();
            }

            @Override
            public Evaluator withPrompts(ColumnPrompts prompts) {
                return prompts.isEmpty() ? this : EvaluationSuite.this.withPrompts(prompts).asOneEvaluator(name);
            }
        };
    }

    private static InformationRetrievalEvaluator retrieval(RetrievalDataset data) {
        return InformationRetrievalEvaluator.builder(data).batchSize(TEXTS_PER_CALL).build();
    }

    private static <T extends Example> List<T> cast(List<? extends Example> examples, Class<T> type) {
        return examples.stream().map(type::cast).toList();
    }

    private static Path locate(Path folder, String name) {
        for (Path candidate : List.of(folder.resolve(name), folder.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ContrastiveException("BEIR folder " + folder + ": expected " + name + " or " + name
                + ".gz, found neither");
    }

    private static Path qrels(Path folder) {
        for (Path candidate : List.of(folder.resolve("qrels.tsv"), folder.resolve("qrels").resolve("test.tsv"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ContrastiveException("BEIR folder " + folder + ": expected qrels.tsv or qrels/test.tsv, found"
                + " neither");
    }

    /** An evaluator under another name, its results relabelled to match; itemized if the original is. */
    private record Renamed(String name, Evaluator evaluator) implements ItemizedEvaluator {

        @Override
        public EvaluationResult evaluate(TextEmbedder embedder) {
            return new EvaluationResult(name, evaluator.evaluate(embedder).metrics());
        }

        @Override
        public Evaluator withPrompts(ColumnPrompts prompts) {
            return prompts.isEmpty() ? this : new Renamed(name, evaluator.withPrompts(prompts));
        }

        @Override
        public ItemizedResult evaluateItemized(TextEmbedder embedder) {
            return evaluator instanceof ItemizedEvaluator itemized
                    ? itemized.evaluateItemized(embedder).renamed(name)
                    : ItemizedResult.withoutItems(evaluate(embedder));
        }
    }
}
