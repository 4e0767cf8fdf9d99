package dev.contrastive4j.mining;

import dev.contrastive4j.data.ExampleWriter;
import dev.contrastive4j.eval.BatchEmbedding;
import dev.contrastive4j.eval.ScoreFunction;
import dev.contrastive4j.eval.Similarity;
import dev.contrastive4j.eval.TopKSearch;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Mines hard negatives for (anchor, positive) rows: embeds the corpus and the anchors, finds each anchor's
 * closest documents by exact cosine search, chooses negatives by the rules of {@link MiningOptions}, and writes
 * triplets (n-tuples) or labelled pairs.
 *
 * <pre>{@code
 * MiningOptions options = MiningOptions.builder().numNegatives(3).relativeMargin(0.05).build();
 * MiningData data = MiningData.read(Path.of("pairs.jsonl"), null, ReadOptions.defaults());
 * TextEmbedder embedder = texts -> encoder.encode(texts, 32);
 * MiningResult result = new HardNegativeMiner(options).mine(data, embedder, Path.of("mined.jsonl"), MiningListener.NONE);
 * System.out.print(result.toText());
 * }</pre>
 *
 * <h2>Candidates</h2>
 * The corpus is the separate corpus's documents, if any, then the input's positives, without repeats (exact
 * text equality). An anchor's positives (of every row with that anchor), their duplicates and the anchor's own
 * text are never its negatives, and take no place in its window.
 *
 * <h2>Memory</h2>
 * The corpus embeddings are computed once and held ({@code documents × dimension} floats). Anchors are then
 * taken {@link MiningOptions#anchorBlockSize()} at a time: the block is embedded, searched against the corpus in
 * chunks of {@value #CORPUS_CHUNK} documents through {@link TopKSearch} (one reusable score block of at most
 * {@value #QUERY_CHUNK} × {@value #CORPUS_CHUNK} doubles, and {@code rangeMax} plus the excluded texts' count
 * candidates per anchor), its rows are written, and its embeddings dropped. So memory is the corpus embeddings
 * plus one block, whatever the number of anchors; texts and one score per row (for the summary) are held too.
 *
 * <h2>Output</h2>
 * Rows stream through {@link ExampleWriter} to a hidden temporary file that is renamed onto {@code output} only
 * when the run succeeds: a failure, or a run in which no anchor got a negative, leaves no output file.
 * Rows come anchor by anchor in the order anchors first appear; for each anchor, one row per input row (its
 * positives) with the same negatives. Not thread-safe.
 */
public final class HardNegativeMiner {

    /** Queries scored together against a corpus chunk: bounds the score block with {@link #CORPUS_CHUNK}. */
    static final int QUERY_CHUNK = 256;
    /** Corpus documents offered to the search at a time. */
    static final int CORPUS_CHUNK = 4096;

    private final MiningOptions options;
    private final NegativeSelector selector;
    private final TopKSearch.ScoreBlockObserver observer;

    public HardNegativeMiner(MiningOptions options) {
        this(options, TopKSearch.ScoreBlockObserver.NONE);
    }

    /** With an observer of the search's score blocks, so tests can check the memory bound. */
    HardNegativeMiner(MiningOptions options, TopKSearch.ScoreBlockObserver observer) {
        this.options = Objects.requireNonNull(options, "options");
        this.selector = new NegativeSelector(options);
        this.observer = observer;
    }

    /**
     * Mines and writes.
     *
     * @param embedder embeds texts; it is given up to {@link MiningOptions#embeddingChunkSize()} texts at a time
     * @param output the file to write (its name picks JSONL, CSV or TSV, and {@code .gz}); replaced if present
     * @return the summary
     * @throws ContrastiveException if an explicit {@code rangeMax} is larger than the corpus, if no anchor got a
     *     negative, or if the model produces non-finite embeddings; no output file is then left
     */
    public MiningResult mine(MiningData data, TextEmbedder embedder, Path output, MiningListener listener) {
        return mine(data, embedder, ColumnPrompts.NONE, output, listener);
    }

    /**
     * Mines as {@link #mine(MiningData, TextEmbedder, Path, MiningListener)} does, embedding each anchor with the
     * anchor's prompt in front of it and each corpus document with the positive's (the texts written stay as read).
     *
     * @param prompts the prompts per column; negatives are corpus documents, so they are embedded as positives are
     */
    public MiningResult mine(MiningData data, TextEmbedder embedder, ColumnPrompts prompts, Path output,
            MiningListener listener) {
        long start = System.nanoTime();
        Map<String, List<Pair>> rowsByAnchor = new LinkedHashMap<>();
        for (Pair row : data.rows()) {
            rowsByAnchor.computeIfAbsent(row.anchor(), a -> new ArrayList<>()).add(row);
        }
        Map<String, Integer> corpusIndex = new LinkedHashMap<>();
        data.corpus().orElse(List.of()).forEach(text -> corpusIndex.putIfAbsent(text, corpusIndex.size()));
        data.rows().forEach(row -> corpusIndex.putIfAbsent(row.positive(), corpusIndex.size()));
        List<String> corpus = List.copyOf(corpusIndex.keySet());
        requireCorpusFitsWindow(data, corpus.size());

        long embedStart = System.nanoTime();
        float[][] documents = embedCorpus(embedder, prompts.apply(PromptRole.POSITIVE, corpus), listener);
        long embeddingNanos = System.nanoTime() - embedStart;
        long searchNanos = 0;

        Totals totals = new Totals(options.numNegatives());
        List<String> anchors = List.copyOf(rowsByAnchor.keySet());
        ExampleWriter writer = ExampleWriter.create(output);
        try {
            for (int blockStart = 0; blockStart < anchors.size(); blockStart += options.anchorBlockSize()) {
                List<String> block = anchors.subList(blockStart, Math.min(anchors.size(),
                        blockStart + options.anchorBlockSize()));
                long blockEmbedStart = System.nanoTime();
                float[][] queries = embed(embedder, prompts.apply(PromptRole.ANCHOR, block), documents[0].length);
                long searchStart = System.nanoTime();
                embeddingNanos += searchStart - blockEmbedStart;
                List<Set<Integer>> excluded = new ArrayList<>(block.size());
                int mostExcluded = 0;
                for (String anchor : block) {
                    Set<Integer> anchorExcluded = excludedFor(anchor, rowsByAnchor.get(anchor), corpusIndex);
                    excluded.add(anchorExcluded);
                    mostExcluded = Math.max(mostExcluded, anchorExcluded.size());
                }
                int depth = (int) Math.min(corpus.size(), (long) selector.rangeMax() + mostExcluded);
                TopKSearch search = new TopKSearch(queries, ScoreFunction.COSINE, depth,
                        Math.min(QUERY_CHUNK, queries.length), observer);
                for (int chunk = 0; chunk < documents.length; chunk += CORPUS_CHUNK) {
                    search.add(Arrays.copyOfRange(documents, chunk, Math.min(documents.length, chunk + CORPUS_CHUNK)),
                            chunk);
                }
                for (int q = 0; q < block.size(); q++) {
                    String anchor = block.get(q);
                    List<Pair> rows = rowsByAnchor.get(anchor);
                    double lowestPositive = Double.POSITIVE_INFINITY;
                    for (Pair row : rows) {
                        double score = Similarity.COSINE.between(queries[q], documents[corpusIndex.get(row.positive())]);
                        totals.positives.add(score);
                        lowestPositive = Math.min(lowestPositive, score);
                    }
                    NegativeSelector.Selection selection = selector.select(search.indices(q), search.scores(q),
                            excluded.get(q)::contains, lowestPositive, blockStart + q);
                    write(writer, rows, selection, corpus, totals);
                }
                searchNanos += System.nanoTime() - searchStart;
                listener.anchorsMined(blockStart + block.size(), anchors.size());
            }
            if (writer.rowsWritten() == 0) {
                throw new ContrastiveException("no anchor of " + data.source() + " got " + options.numNegatives()
                        + (options.numNegatives() == 1 ? " negative" : " negatives") + " (" + totals.skippedNoCandidate
                        + " with no candidate left, " + totals.skippedTooFew + " with too few): nothing written to "
                        + output + "; relax the margins or score bounds, widen --range-max, or add documents");
            }
            writer.close();
        } catch (RuntimeException e) {
            writer.abort();
            throw e;
        }
        Map<String, Long> removed = new LinkedHashMap<>();
        for (NegativeSelector.Rule rule : NegativeSelector.Rule.values()) {
            if (ruleSet(rule)) {
                removed.put(rule.option(), totals.removedByRule[rule.ordinal()]);
            }
        }
        return new MiningResult(options, output, data.rows().size(), anchors.size(), corpus.size(),
                writer.rowsWritten(), totals.anchorsByNegativeCount, totals.skippedNoCandidate, totals.skippedTooFew,
                removed, totals.positives.distribution(), totals.negatives.distribution(), embeddingNanos / 1e9,
                searchNanos / 1e9, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Checks what can be checked before a model is loaded: that an explicit {@code rangeMax} fits the corpus.
     *
     * @throws ContrastiveException if it does not
     */
    public void check(MiningData data) {
        Set<String> corpus = new HashSet<>(data.corpus().orElse(List.of()));
        data.rows().forEach(row -> corpus.add(row.positive()));
        requireCorpusFitsWindow(data, corpus.size());
    }

    private void requireCorpusFitsWindow(MiningData data, int corpusSize) {
        if (options.rangeMax().isPresent() && options.rangeMax().getAsInt() > corpusSize) {
            throw new ContrastiveException("--range-max " + options.rangeMax().getAsInt() + " is larger than the corpus,"
                    + " which holds " + corpusSize + " distinct documents (with the positives of " + data.source()
                    + "): lower --range-max or add documents");
        }
    }

    private boolean ruleSet(NegativeSelector.Rule rule) {
        return switch (rule) {
            case ABSOLUTE_MARGIN -> options.absoluteMargin().isPresent();
            case RELATIVE_MARGIN -> options.relativeMargin().isPresent();
            case MAX_SCORE -> options.maxScore().isPresent();
            case MIN_SCORE -> options.minScore().isPresent();
        };
    }

    /** The corpus indices an anchor never takes as negatives: its positives and its own text. */
    private static Set<Integer> excludedFor(String anchor, List<Pair> rows, Map<String, Integer> corpusIndex) {
        Set<Integer> excluded = new HashSet<>();
        for (Pair row : rows) {
            excluded.add(corpusIndex.get(row.positive()));
        }
        Integer self = corpusIndex.get(anchor);
        if (self != null) {
            excluded.add(self);
        }
        return excluded;
    }

    private void write(ExampleWriter writer, List<Pair> rows, NegativeSelector.Selection selection, List<String> corpus,
            Totals totals) {
        for (int r = 0; r < NegativeSelector.Rule.values().length; r++) {
            totals.removedByRule[r] += selection.removedByRule()[r];
        }
        int found = selection.indices().length;
        totals.anchorsByNegativeCount[found]++;
        MinedRows.Outcome outcome = MinedRows.outcome(found, options);
        if (outcome == MinedRows.Outcome.NO_CANDIDATE) {
            totals.skippedNoCandidate++;
            return;
        }
        if (outcome == MinedRows.Outcome.TOO_FEW) {
            totals.skippedTooFew++;
            return;
        }
        List<String> negatives = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            negatives.add(corpus.get(selection.indices()[i]));
            totals.negatives.add(selection.scores()[i]);
        }
        MinedRows.of(rows, negatives, options).forEach(writer::write);
    }

    private float[][] embedCorpus(TextEmbedder embedder, List<String> corpus, MiningListener listener) {
        float[][] documents = new float[corpus.size()][];
        int dimension = -1;
        for (int start = 0; start < corpus.size(); start += options.embeddingChunkSize()) {
            int end = Math.min(corpus.size(), start + options.embeddingChunkSize());
            float[][] chunk = embed(embedder, corpus.subList(start, end), dimension);
            System.arraycopy(chunk, 0, documents, start, chunk.length);
            dimension = chunk[0].length;
            listener.corpusEmbedded(end, corpus.size());
        }
        return documents;
    }

    private float[][] embed(TextEmbedder embedder, List<String> texts, int dimension) {
        return BatchEmbedding.embed(embedder, texts, options.embeddingChunkSize(), dimension);
    }

    /** Running counts and scores for the summary. */
    private static final class Totals {
        final long[] anchorsByNegativeCount;
        final long[] removedByRule = new long[NegativeSelector.Rule.values().length];
        final Scores positives = new Scores();
        final Scores negatives = new Scores();
        long skippedNoCandidate;
        long skippedTooFew;

        Totals(int numNegatives) {
            anchorsByNegativeCount = new long[numNegatives + 1];
        }
    }

    /** A growing array of scores. */
    private static final class Scores {
        private double[] values = new double[1024];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        ScoreDistribution distribution() {
            return ScoreDistribution.of(values, size);
        }
    }
}
