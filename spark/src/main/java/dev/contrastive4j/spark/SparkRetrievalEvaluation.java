package dev.contrastive4j.spark;

import dev.contrastive4j.encoding.Encoding;
import dev.contrastive4j.eval.CorpusDocument;
import dev.contrastive4j.eval.InformationRetrievalEvaluator;
import dev.contrastive4j.eval.QueryRanking;
import dev.contrastive4j.eval.RetrievalMetrics;
import dev.contrastive4j.eval.RetrievedDocument;
import dev.contrastive4j.eval.ScoreFunction;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.Tuple3;

/**
 * Retrieval metrics for a query set against a corpus too large for one JVM: the metrics of eval's
 * {@link InformationRetrievalEvaluator} ({@code c4j evaluate --beir}), under the same names
 * ({@link Metrics#INFORMATION_RETRIEVAL}) and with the same values for the same data.
 *
 * <p>Queries and documents are embedded on the executors (anchor's and positive's prompts), each query's best
 * {@value InformationRetrievalEvaluator#RANKING_DEPTH} documents are found by the distributed blocked exact search
 * ({@link BlockedTopKSearch}, equal scores ranked by corpus order), each query's measures are computed where its
 * ranking is by eval's {@link RetrievalMetrics#perQuery}, and only those few numbers per query come to the driver,
 * which averages them in query order ({@link RetrievalMetrics#mean}) as the single-JVM evaluator does.
 *
 * <p>Input columns default to the BEIR layout as {@code spark.read().json(...)} and {@code .csv(...)} read it:
 * queries {@code _id, text}; corpus {@code _id, text} and, if present, {@code title} (embedded as
 * {@code title + " " + text}, as {@link CorpusDocument#searchText()} does); judgements {@code query-id, corpus-id}
 * and, if present, {@code score} (only scores above 0 count as relevant). Only queries with a relevant document are
 * evaluated. Row order is the data sets' order: it decides ties and the summing order.
 *
 * <pre>{@code
 * EvaluationResult result = SparkRetrievalEvaluation.builder().model(SparkModel.named("minilm")).build()
 *         .evaluate(queries, corpus, qrels);
 * double ndcg = result.metric(Metrics.IR_NDCG_AT_10);
 * }</pre>
 */
public final class SparkRetrievalEvaluation {

    private static final String TITLE = "title";
    private static final String SCORE = "score";

    private final PartitionEncoder encoder;
    private final String name;
    private final ScoreFunction scoreFunction;
    private final String idColumn;
    private final String textColumn;
    private final String queryIdColumn;
    private final String corpusIdColumn;
    private final int corpusBlockSize;
    private final int queryChunkSize;

    private SparkRetrievalEvaluation(Builder builder) {
        SparkModel model = Objects.requireNonNull(builder.model, "model");
        this.encoder = new PartitionEncoder(model, PromptRole.ANCHOR, false, builder.batchSize, builder.chunkSize);
        this.name = builder.name;
        this.scoreFunction = builder.scoreFunction;
        this.idColumn = builder.idColumn;
        this.textColumn = builder.textColumn;
        this.queryIdColumn = builder.queryIdColumn;
        this.corpusIdColumn = builder.corpusIdColumn;
        this.corpusBlockSize = builder.corpusBlockSize;
        this.queryChunkSize = builder.queryChunkSize;
        new BlockedTopKSearch(scoreFunction, corpusBlockSize, queryChunkSize); // checks the sizes
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Ranks the corpus for every query with a relevant document and averages the measures.
     *
     * @throws ContrastiveException if a column is missing or not strings, the corpus is empty, or no query has a
     *     relevant document
     */
    public EvaluationResult evaluate(Dataset<Row> queries, Dataset<Row> corpus, Dataset<Row> judgements) {
        int queryId = SparkColumns.requireString(queries, idColumn, "query id column");
        int queryText = SparkColumns.requireString(queries, textColumn, "query text column");
        int documentId = SparkColumns.requireString(corpus, idColumn, "corpus id column");
        int documentText = SparkColumns.requireString(corpus, textColumn, "corpus text column");
        int documentTitle = Arrays.asList(corpus.columns()).indexOf(TITLE);
        int judgedQuery = SparkColumns.requireString(judgements, queryIdColumn, "judgement query id column");
        int judgedDocument = SparkColumns.requireString(judgements, corpusIdColumn, "judgement corpus id column");
        int judgedScore = Arrays.asList(judgements.columns()).indexOf(SCORE);
        Dataset<Row> scored = judgedScore < 0 ? judgements
                : judgements.withColumn(SCORE, judgements.col(SCORE).cast(DataTypes.DoubleType));

        JavaPairRDD<String, Set<String>> relevant = scored.javaRDD()
                .filter(row -> judgedScore < 0 || (!row.isNullAt(judgedScore) && row.getDouble(judgedScore) > 0))
                .mapToPair(row -> new Tuple2<>(row.getString(judgedQuery), row.getString(judgedDocument)))
                .groupByKey()
                .mapValues(documents -> {
                    Set<String> set = new LinkedHashSet<>();
                    documents.forEach(set::add);
                    return set;
                });
        // (query position, (id, text, relevant documents)) for the queries with a relevant document
        JavaPairRDD<Integer, Tuple3<String, String, Set<String>>> evaluated = queries.javaRDD()
                .zipWithIndex()
                .mapToPair(row -> new Tuple2<>(row._1().getString(queryId),
                        new Tuple2<>(Math.toIntExact(row._2()), row._1().getString(queryText))))
                .join(relevant)
                .mapToPair(joined -> new Tuple2<>(joined._2()._1()._1(),
                        new Tuple3<>(joined._1(), joined._2()._1()._2(), joined._2()._2())))
                .persist(StorageLevel.MEMORY_AND_DISK());
        if (evaluated.isEmpty()) {
            throw new ContrastiveException("retrieval evaluation '" + name + "': expected at least one query with a"
                    + " relevant document, found none among " + queries.count() + " queries");
        }
        // (corpus position, (id, embedded text))
        JavaPairRDD<Integer, Tuple2<String, String>> documents = corpus.javaRDD()
                .zipWithIndex()
                .mapToPair(row -> {
                    Row document = row._1();
                    String title = documentTitle < 0 || document.isNullAt(documentTitle) ? ""
                            : document.getString(documentTitle);
                    return new Tuple2<>(Math.toIntExact(row._2()), new Tuple2<>(document.getString(documentId),
                            new CorpusDocument(document.getString(documentId), title, document.getString(documentText))
                                    .searchText()));
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
        if (documents.isEmpty()) {
            throw new ContrastiveException("retrieval evaluation '" + name + "': expected a corpus, found no documents");
        }
        requireUnique(evaluated.map(query -> query._2()._1()), "query");
        requireUnique(documents.map(document -> document._2()._1()), "corpus");

        PartitionEncoder queryEncoder = encoder.as(PromptRole.ANCHOR);
        PartitionEncoder documentEncoder = encoder.as(PromptRole.POSITIVE);
        int depth = InformationRetrievalEvaluator.RANKING_DEPTH;
        JavaRDD<BlockedTopKSearch.Query> queryVectors = evaluated
                .mapPartitions(partition -> queryEncoder.embed(partition, query -> query._2()._2(),
                        (query, embedding) -> new BlockedTopKSearch.Query(query._1(), embedding, depth)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Integer, float[]> documentVectors = documents
                .mapPartitionsToPair(partition -> documentEncoder.embed(partition, document -> document._2()._2(),
                        (document, embedding) -> new Tuple2<>(document._1(), embedding)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Integer, BlockedTopKSearch.Candidates> candidates =
                new BlockedTopKSearch(scoreFunction, corpusBlockSize, queryChunkSize)
                        .search(queryVectors, documentVectors);

        // Hits' corpus ids looked up where the corpus is; then each query's measures where its ranking is.
        JavaPairRDD<Integer, double[]> perQuery = candidates
                .flatMapToPair(query -> {
                    List<Tuple2<Integer, Tuple3<Integer, Integer, Double>>> hits = new ArrayList<>();
                    for (int rank = 0; rank < query._2().indices().length; rank++) {
                        hits.add(new Tuple2<>(query._2().indices()[rank],
                                new Tuple3<>(query._1(), rank, query._2().scores()[rank])));
                    }
                    return hits.iterator();
                })
                .join(documents)
                .mapToPair(joined -> new Tuple2<>(joined._2()._1()._1(),
                        new Tuple3<>(joined._2()._1()._2(), joined._2()._2()._1(), joined._2()._1()._3())))
                .groupByKey()
                .join(evaluated)
                .mapToPair(joined -> {
                    List<Tuple3<Integer, String, Double>> hits = new ArrayList<>();
                    joined._2()._1().forEach(hits::add);
                    hits.sort(Comparator.comparingInt(Tuple3::_1));
                    QueryRanking ranking = new QueryRanking(joined._2()._2()._1(), hits.stream()
                            .map(hit -> new RetrievedDocument(hit._2(), hit._3())).toList());
                    return new Tuple2<>(joined._1(), RetrievalMetrics.perQuery(ranking, joined._2()._2()._3()));
                });
        List<double[]> values = perQuery.sortByKey().values().collect();
        evaluated.unpersist();
        documents.unpersist();
        queryVectors.unpersist();
        documentVectors.unpersist();
        return RetrievalMetrics.mean(name, values);
    }

    /** Ids must name one query or document each, as the single-JVM data set requires. */
    private void requireUnique(JavaRDD<String> ids, String what) {
        List<String> repeated = ids.mapToPair(id -> new Tuple2<>(id, 1)).reduceByKey(Integer::sum)
                .filter(count -> count._2() > 1).keys().take(1);
        if (!repeated.isEmpty()) {
            throw new ContrastiveException("retrieval evaluation '" + name + "': " + what + " id '" + repeated.get(0)
                    + "' appears more than once");
        }
    }

    /** Options of a {@link SparkRetrievalEvaluation}; only the model has no default. */
    public static final class Builder {

        private SparkModel model;
        private String name = InformationRetrievalEvaluator.DEFAULT_NAME;
        private ScoreFunction scoreFunction = ScoreFunction.COSINE;
        private String idColumn = "_id";
        private String textColumn = "text";
        private String queryIdColumn = "query-id";
        private String corpusIdColumn = "corpus-id";
        private int batchSize = InformationRetrievalEvaluator.DEFAULT_BATCH_SIZE;
        private int chunkSize = Encoding.CHUNK_TEXTS;
        private int corpusBlockSize = SparkMining.DEFAULT_CORPUS_BLOCK_SIZE;
        private int queryChunkSize = InformationRetrievalEvaluator.DEFAULT_QUERY_CHUNK_SIZE;

        private Builder() {
        }

        /** The model; queries take the anchor's prompt, documents the positive's. */
        public Builder model(SparkModel value) {
            model = value;
            return this;
        }

        /** The name that labels the result; default {@value InformationRetrievalEvaluator#DEFAULT_NAME}. */
        public Builder name(String value) {
            name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Cosine (default) or dot product. */
        public Builder scoreFunction(ScoreFunction value) {
            scoreFunction = Objects.requireNonNull(value, "scoreFunction");
            return this;
        }

        /** The id column of queries and corpus; default {@code _id}. */
        public Builder idColumn(String value) {
            idColumn = Objects.requireNonNull(value, "idColumn");
            return this;
        }

        /** The text column of queries and corpus; default {@code text}. */
        public Builder textColumn(String value) {
            textColumn = Objects.requireNonNull(value, "textColumn");
            return this;
        }

        /** The judgements' query id column; default {@code query-id}. */
        public Builder queryIdColumn(String value) {
            queryIdColumn = Objects.requireNonNull(value, "queryIdColumn");
            return this;
        }

        /** The judgements' corpus id column; default {@code corpus-id}. */
        public Builder corpusIdColumn(String value) {
            corpusIdColumn = Objects.requireNonNull(value, "corpusIdColumn");
            return this;
        }

        /** Texts per forward pass; default {@value InformationRetrievalEvaluator#DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /**
         * Texts handed to the encoder at a time within a partition; default {@value Encoding#CHUNK_TEXTS}, as
         * {@code c4j encode}.
         */
        public Builder chunkSize(int value) {
            chunkSize = value;
            return this;
        }

        /** Documents per block of the search; default {@value SparkMining#DEFAULT_CORPUS_BLOCK_SIZE}. */
        public Builder corpusBlockSize(int value) {
            corpusBlockSize = value;
            return this;
        }

        /** Queries scored together against one block; default
         * {@value InformationRetrievalEvaluator#DEFAULT_QUERY_CHUNK_SIZE}. */
        public Builder queryChunkSize(int value) {
            queryChunkSize = value;
            return this;
        }

        public SparkRetrievalEvaluation build() {
            return new SparkRetrievalEvaluation(this);
        }
    }
}
