package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrieval quality: embed the queries and the corpus, rank the corpus for each query, and measure how
 * high the relevant documents come ({@link Metrics#INFORMATION_RETRIEVAL}: MRR@10, NDCG@10, MAP@100,
 * recall@1/5/10, accuracy@1/3/5/10, precision@1/5/10; definitions in sentence-transformers'
 * {@code InformationRetrievalEvaluator}, written out on {@code RetrievalMetrics}).
 *
 * <h2>Which queries count</h2>
 * Only queries with at least one relevant document are embedded, ranked and averaged over; the others are
 * left out (and logged), as sentence-transformers does — a query with nothing to find has no recall.
 * A data set in which no query has a relevant document is an error.
 *
 * <h2>Search</h2>
 * Exact search, in bounded memory: the corpus is embedded chunk by chunk ({@code corpusChunkSize}
 * documents, in embedder batches of {@code batchSize}); each chunk is scored against chunks of
 * {@code queryChunkSize} queries, and each query keeps only its best {@value #RANKING_DEPTH} documents in
 * a bounded heap. The full query × corpus score matrix never exists: at most
 * {@code queryChunkSize × corpusChunkSize} scores do. Scores are cosine (default) or dot product, in
 * double precision; equal scores rank by corpus order (earlier document first).
 *
 * <pre>{@code
 * RetrievalDataset data = BeirReader.readFolder(Path.of("scifact"), "test");
 * Evaluator ir = InformationRetrievalEvaluator.builder(data).name("scifact").build();
 * EvaluationResult result = ir.evaluate(model);
 * double ndcg = result.metric(Metrics.IR_NDCG_AT_10);
 * }</pre>
 */
public final class InformationRetrievalEvaluator implements ItemizedEvaluator {

    /** The name used when none is given. */
    public static final String DEFAULT_NAME = "ir";
    /** Texts per embedder call when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Corpus documents embedded and scored together when none is given. */
    public static final int DEFAULT_CORPUS_CHUNK_SIZE = 10_000;
    /** Queries scored together against one corpus chunk when none is given. */
    public static final int DEFAULT_QUERY_CHUNK_SIZE = 128;
    /** How many documents are ranked per query: the deepest cut-off of any metric (MAP@100). */
    public static final int RANKING_DEPTH = RetrievalMetrics.DEPTH;

    private static final Logger LOG = LoggerFactory.getLogger(InformationRetrievalEvaluator.class);

    private final String name;
    private final RetrievalDataset dataset;
    private final List<String> queryIds;
    private final List<String> queryTexts;
    private final List<String> corpusTexts;
    private final ScoreFunction scoreFunction;
    private final int batchSize;
    private final int corpusChunkSize;
    private final int queryChunkSize;
    private final TopKSearch.ScoreBlockObserver observer;

    private InformationRetrievalEvaluator(Builder builder) {
        this.name = EvaluatorNames.require(builder.name);
        this.dataset = builder.dataset;
        this.scoreFunction = builder.scoreFunction;
        this.batchSize = BatchEmbedding.requirePositive(builder.batchSize);
        this.corpusChunkSize = requirePositive(builder.corpusChunkSize, "corpus chunk size");
        this.queryChunkSize = requirePositive(builder.queryChunkSize, "query chunk size");
        this.observer = builder.observer;
        if (dataset.corpus().isEmpty()) {
            throw new ContrastiveException("retrieval evaluator '" + name + "': expected a corpus, found no documents");
        }
        this.queryIds = new ArrayList<>();
        this.queryTexts = new ArrayList<>();
        for (Map.Entry<String, String> query : dataset.queries().entrySet()) {
            if (!dataset.relevantTo(query.getKey()).isEmpty()) {
                queryIds.add(query.getKey());
                queryTexts.add(query.getValue());
            }
        }
        if (queryIds.isEmpty()) {
            throw new ContrastiveException("retrieval evaluator '" + name + "': expected at least one query with a"
                    + " relevant document, found none among " + dataset.queries().size() + " queries");
        }
        int skipped = dataset.queries().size() - queryIds.size();
        if (skipped > 0) {
            LOG.info("{}: {} of {} queries have no relevant document and are left out", name, skipped,
                    dataset.queries().size());
        }
        this.corpusTexts = dataset.corpus().stream().map(CorpusDocument::searchText).toList();
    }

    /** {@code base} with queries prompted as anchors and documents as positives. */
    private InformationRetrievalEvaluator(InformationRetrievalEvaluator base, ColumnPrompts prompts) {
        this.name = base.name;
        this.dataset = base.dataset;
        this.scoreFunction = base.scoreFunction;
        this.batchSize = base.batchSize;
        this.corpusChunkSize = base.corpusChunkSize;
        this.queryChunkSize = base.queryChunkSize;
        this.observer = base.observer;
        this.queryIds = base.queryIds;
        this.queryTexts = prompts.apply(PromptRole.ANCHOR, base.queryTexts);
        this.corpusTexts = prompts.apply(PromptRole.POSITIVE, base.corpusTexts);
    }

    /** Starts an evaluator on a data set, with every option at its default. */
    public static Builder builder(RetrievalDataset dataset) {
        return new Builder(dataset);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * This evaluator with the anchor's prompt in front of every query and the positive's in front of every document
     * (its title and text as embedded), as sentence-transformers' retrieval evaluator applies a query and a corpus
     * prompt.
     */
    @Override
    public InformationRetrievalEvaluator withPrompts(ColumnPrompts prompts) {
        return prompts.isEmpty() ? this : new InformationRetrievalEvaluator(this, prompts);
    }

    /** The number of queries evaluated: those with at least one relevant document. */
    public int queryCount() {
        return queryIds.size();
    }

    /**
     * Ranks the corpus for every evaluated query.
     *
     * @return one ranking per query with a relevant document, in the data set's query order, each with at
     *     most {@value #RANKING_DEPTH} documents, best first
     */
    public List<QueryRanking> retrieve(TextEmbedder embedder) {
        float[][] queries = BatchEmbedding.embed(embedder, queryTexts, batchSize, -1);
        int dimension = queries[0].length;
        TopKSearch search = new TopKSearch(queries, scoreFunction, RANKING_DEPTH, queryChunkSize, observer);
        for (int start = 0; start < corpusTexts.size(); start += corpusChunkSize) {
            int end = Math.min(start + corpusChunkSize, corpusTexts.size());
            search.add(BatchEmbedding.embed(embedder, corpusTexts.subList(start, end), batchSize, dimension), start);
            LOG.debug("{}: scored documents {} to {} of {}", name, start, end, corpusTexts.size());
        }
        List<QueryRanking> rankings = new ArrayList<>(queryIds.size());
        for (int q = 0; q < queryIds.size(); q++) {
            int[] indices = search.indices(q);
            double[] scores = search.scores(q);
            List<RetrievedDocument> hits = new ArrayList<>(indices.length);
            for (int i = 0; i < indices.length; i++) {
                hits.add(new RetrievedDocument(dataset.corpus().get(indices[i]).id(), scores[i]));
            }
            rankings.add(new QueryRanking(queryIds.get(q), hits));
        }
        return rankings;
    }

    @Override
    public EvaluationResult evaluate(TextEmbedder embedder) {
        return RetrievalMetrics.compute(name, retrieve(embedder), dataset.relevantDocuments());
    }

    /**
     * Every metric, and each evaluated query's reciprocal rank within the top 10 (0 when its first relevant
     * document is not there), in the data set's query order; their mean is {@value Metrics#IR_MRR_AT_10}.
     * The corpus is ranked once for both.
     */
    @Override
    public ItemizedResult evaluateItemized(TextEmbedder embedder) {
        List<QueryRanking> rankings = retrieve(embedder);
        return new ItemizedResult(RetrievalMetrics.compute(name, rankings, dataset.relevantDocuments()),
                Map.of(Metrics.IR_MRR_AT_10, RetrievalMetrics.reciprocalRanks(rankings, dataset.relevantDocuments())));
    }

    /** Each evaluated query's reciprocal rank within the top 10, in query order (see {@link #evaluateItemized}). */
    public double[] reciprocalRanks(TextEmbedder embedder) {
        return RetrievalMetrics.reciprocalRanks(retrieve(embedder), dataset.relevantDocuments());
    }

    private static int requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
        return value;
    }

    /** Options of an {@link InformationRetrievalEvaluator}; every one has a default. */
    public static final class Builder {

        private final RetrievalDataset dataset;
        private String name = DEFAULT_NAME;
        private ScoreFunction scoreFunction = ScoreFunction.COSINE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int corpusChunkSize = DEFAULT_CORPUS_CHUNK_SIZE;
        private int queryChunkSize = DEFAULT_QUERY_CHUNK_SIZE;
        private TopKSearch.ScoreBlockObserver observer = TopKSearch.ScoreBlockObserver.NONE;

        private Builder(RetrievalDataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** The name that labels the results (default {@value InformationRetrievalEvaluator#DEFAULT_NAME}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Cosine (default) or dot product. */
        public Builder scoreFunction(ScoreFunction scoreFunction) {
            this.scoreFunction = Objects.requireNonNull(scoreFunction, "scoreFunction");
            return this;
        }

        /** Texts per embedder call (default {@value InformationRetrievalEvaluator#DEFAULT_BATCH_SIZE}). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Corpus documents embedded and scored together (default
         * {@value InformationRetrievalEvaluator#DEFAULT_CORPUS_CHUNK_SIZE}); bounds the corpus embeddings held.
         */
        public Builder corpusChunkSize(int corpusChunkSize) {
            this.corpusChunkSize = corpusChunkSize;
            return this;
        }

        /**
         * Queries scored together against one corpus chunk (default
         * {@value InformationRetrievalEvaluator#DEFAULT_QUERY_CHUNK_SIZE}); with the corpus chunk size it
         * bounds the score block, {@code queryChunkSize × corpusChunkSize} doubles.
         */
        public Builder queryChunkSize(int queryChunkSize) {
            this.queryChunkSize = queryChunkSize;
            return this;
        }

        /** For tests: told of every score block the search allocates. */
        Builder scoreBlockObserver(TopKSearch.ScoreBlockObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * @throws ContrastiveException if the corpus is empty or no query has a relevant document
         */
        public InformationRetrievalEvaluator build() {
            return new InformationRetrievalEvaluator(this);
        }
    }
}
