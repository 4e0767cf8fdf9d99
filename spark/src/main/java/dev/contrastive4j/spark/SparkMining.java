package dev.contrastive4j.spark;

import dev.contrastive4j.eval.ScoreFunction;
import dev.contrastive4j.eval.Similarity;
import dev.contrastive4j.mining.HardNegativeMiner;
import dev.contrastive4j.mining.MinedRows;
import dev.contrastive4j.mining.MiningOptions;
import dev.contrastive4j.mining.MiningOutputFormat;
import dev.contrastive4j.mining.NegativeSelector;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Hard-negative mining at corpus scale: what {@link HardNegativeMiner} ({@code c4j mine}) does, spread over a Spark
 * cluster, with the same result for the same options and seed.
 *
 * <ol>
 *   <li>The corpus is numbered as the miner numbers it: the separate corpus's texts, then the rows' positives, each
 *       distinct text at its first appearance. Anchors are numbered by first appearance too (the random sampling's
 *       seed is per anchor number).</li>
 *   <li>Corpus documents are embedded with the positive's prompt, anchors with the anchor's, on the executors
 *       ({@link PartitionEncoder}: one model per executor, chunks sorted by length).</li>
 *   <li>Each anchor's best {@code rangeMax} plus its excluded texts' count documents are found by a distributed
 *       blocked exact search ({@link BlockedTopKSearch}); its positive score is its lowest positive cosine.</li>
 *   <li>eval's {@link NegativeSelector} chooses each anchor's negatives, and eval's {@link MinedRows} its rows.</li>
 * </ol>
 * The rows come in the miner's order (anchor by first appearance, then input row) with its columns: {@code anchor,
 * positive, negative} or {@code negative_1 … negative_k} for triplets, {@code sentence1, sentence2, score} for
 * labelled pairs. Identity with the miner assumes the same embeddings; embeddings of the same text agree to float
 * rounding however texts are batched, so only candidates tied to within that rounding could be chosen differently.
 *
 * <pre>{@code
 * Dataset<Row> mined = SparkMining.builder().model(SparkModel.named("minilm"))
 *         .options(MiningOptions.builder().numNegatives(3).relativeMargin(0.05).build())
 *         .build().mine(pairs, corpus);
 * mined.write().json("mined");
 * }</pre>
 */
public final class SparkMining {

    /** Documents per corpus block of the search, unless told otherwise. */
    public static final int DEFAULT_CORPUS_BLOCK_SIZE = 4096;
    /** Anchors searched together against one block, unless told otherwise. */
    public static final int DEFAULT_ANCHOR_CHUNK_SIZE = 256;

    private final PartitionEncoder encoder;
    private final MiningOptions options;
    private final String anchorColumn;
    private final String positiveColumn;
    private final String corpusColumn;
    private final int corpusBlockSize;
    private final int anchorChunkSize;

    private SparkMining(Builder builder) {
        SparkModel model = Objects.requireNonNull(builder.model, "model");
        this.encoder = new PartitionEncoder(model, PromptRole.POSITIVE, false, builder.batchSize,
                builder.options.embeddingChunkSize());
        this.options = builder.options;
        this.anchorColumn = builder.anchorColumn;
        this.positiveColumn = builder.positiveColumn;
        this.corpusColumn = builder.corpusColumn;
        this.corpusBlockSize = builder.corpusBlockSize;
        this.anchorChunkSize = builder.anchorChunkSize;
        new BlockedTopKSearch(ScoreFunction.COSINE, corpusBlockSize, anchorChunkSize); // checks the sizes
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mines with the rows' positives as the corpus. */
    public Dataset<Row> mine(Dataset<Row> pairs) {
        return mine(pairs, null);
    }

    /**
     * Mines negatives for the (anchor, positive) rows of {@code pairs}.
     *
     * @param corpus more documents to mine from (column {@code corpusColumn}), before the rows' positives; or null
     * @return the mined rows, in the miner's order (computed: the data set is persisted)
     * @throws ContrastiveException if a column is missing or not strings, if {@code rangeMax} is larger than the
     *     corpus, or if no anchor got a negative
     */
    public Dataset<Row> mine(Dataset<Row> pairs, Dataset<Row> corpus) {
        int anchorIndex = SparkColumns.requireString(pairs, anchorColumn, "anchor column");
        int positiveIndex = SparkColumns.requireString(pairs, positiveColumn, "positive column");
        int corpusTextIndex = corpus == null ? -1 : SparkColumns.requireString(corpus, corpusColumn, "corpus column");
        SparkSession spark = pairs.sparkSession();

        // Rows in input order: (row number, (anchor, positive)).
        JavaPairRDD<Long, Tuple2<String, String>> rows = pairs.javaRDD()
                .map(row -> new Tuple2<>(requireText(row.getString(anchorIndex), "anchor"),
                        requireText(row.getString(positiveIndex), "positive")))
                .zipWithIndex().mapToPair(Tuple2::swap)
                .persist(StorageLevel.MEMORY_AND_DISK());
        // Corpus numbering: separate corpus first, then positives; a text's number is its first appearance's rank.
        JavaRDD<String> corpusTexts = corpus == null
                ? JavaSparkContext.fromSparkContext(spark.sparkContext()).<String>emptyRDD()
                : corpus.javaRDD().map(row -> requireText(row.getString(corpusTextIndex), "corpus"));
        if (rows.isEmpty()) {
            throw new ContrastiveException("the data set holds no (anchor, positive) rows to mine negatives for");
        }
        long corpusRows = corpus == null ? 0 : corpusTexts.count();
        if (corpus != null && corpusRows == 0) {
            throw new ContrastiveException("the corpus is empty: give a data set with at least one document, or leave"
                    + " the corpus out to mine from the rows' positives");
        }
        JavaPairRDD<String, Long> firstSeen = corpusTexts.zipWithIndex()
                .union(rows.mapToPair(row -> new Tuple2<>(row._2()._2(), corpusRows + row._1())))
                .reduceByKey(Math::min);
        JavaPairRDD<String, Integer> documentNumbers = numberByFirstAppearance(firstSeen)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long corpusSize = documentNumbers.count();
        if (options.rangeMax().isPresent() && options.rangeMax().getAsInt() > corpusSize) {
            throw new ContrastiveException("--range-max " + options.rangeMax().getAsInt() + " is larger than the"
                    + " corpus, which holds " + corpusSize + " distinct documents (with the positives of the rows):"
                    + " lower --range-max or add documents");
        }
        JavaPairRDD<String, Integer> anchorNumbers = numberByFirstAppearance(
                rows.mapToPair(row -> new Tuple2<>(row._2()._1(), row._1())).reduceByKey(Math::min));

        // One task per anchor: its rows in input order, its positives' and own corpus numbers.
        JavaPairRDD<String, Tuple2<Long, Tuple2<String, Integer>>> rowsWithPositiveNumbers = rows
                .mapToPair(row -> new Tuple2<>(row._2()._2(), new Tuple2<>(row._1(), row._2()._1())))
                .join(documentNumbers)
                .mapToPair(joined -> new Tuple2<>(joined._2()._1()._2(),
                        new Tuple2<>(joined._2()._1()._1(), new Tuple2<>(joined._1(), joined._2()._2()))));
        JavaPairRDD<Integer, AnchorTask> tasks = rowsWithPositiveNumbers.groupByKey()
                .join(anchorNumbers)
                .leftOuterJoin(documentNumbers)
                .mapToPair(joined -> {
                    int number = joined._2()._1()._2();
                    Integer self = joined._2()._2().orNull();
                    return new Tuple2<>(number, AnchorTask.of(number, joined._1(), joined._2()._1()._1(), self));
                })
                .persist(StorageLevel.MEMORY_AND_DISK());

        PartitionEncoder documentEncoder = encoder.as(PromptRole.POSITIVE);
        JavaPairRDD<Integer, float[]> documents = documentNumbers
                .mapToPair(Tuple2::swap)
                .mapPartitionsToPair(partition -> documentEncoder.embed(partition, Tuple2::_2,
                        (document, embedding) -> new Tuple2<>(document._1(), embedding)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        PartitionEncoder anchorEncoder = encoder.as(PromptRole.ANCHOR);
        JavaPairRDD<Integer, float[]> anchors = tasks
                .mapPartitionsToPair(partition -> anchorEncoder.embed(partition, task -> task._2().anchor(),
                        (task, embedding) -> new Tuple2<>(task._1(), embedding)))
                .persist(StorageLevel.MEMORY_AND_DISK());

        // The lowest positive score: the margins are measured from it.
        JavaPairRDD<Integer, Double> positiveScores = tasks
                .flatMapToPair(task -> Arrays.stream(task._2().positiveNumbers()).distinct()
                        .mapToObj(document -> new Tuple2<>(document, task._1())).iterator())
                .join(documents)
                .mapToPair(joined -> new Tuple2<>(joined._2()._1(), joined._2()._2()))
                .join(anchors)
                .mapToPair(joined -> new Tuple2<>(joined._1(),
                        Similarity.COSINE.between(joined._2()._2(), joined._2()._1())))
                .reduceByKey(Math::min);

        int rangeMax = new NegativeSelector(options).rangeMax();
        JavaRDD<BlockedTopKSearch.Query> queries = anchors.join(tasks).map(joined -> new BlockedTopKSearch.Query(
                joined._1(), joined._2()._1(),
                (int) Math.min(corpusSize, (long) rangeMax + joined._2()._2().excluded().length)));
        JavaPairRDD<Integer, BlockedTopKSearch.Candidates> candidates =
                new BlockedTopKSearch(ScoreFunction.COSINE, corpusBlockSize, anchorChunkSize)
                        .search(queries, documents);

        MiningOptions miningOptions = options;
        JavaPairRDD<Integer, int[]> chosen = candidates.join(positiveScores).join(tasks).mapToPair(joined -> {
            BlockedTopKSearch.Candidates ranked = joined._2()._1()._1();
            AnchorTask task = joined._2()._2();
            Set<Integer> excluded = new java.util.HashSet<>();
            Arrays.stream(task.excluded()).forEach(excluded::add);
            NegativeSelector.Selection selection = new NegativeSelector(miningOptions).select(ranked.indices(),
                    ranked.scores(), excluded::contains, joined._2()._1()._2(), joined._1());
            return new Tuple2<>(joined._1(), selection.indices());
        });
        // Negatives' texts: looked up by corpus number where the numbers are, not on the driver.
        JavaPairRDD<Integer, List<String>> negatives = chosen
                .flatMapToPair(anchor -> {
                    List<Tuple2<Integer, Tuple2<Integer, Integer>>> wanted = new ArrayList<>();
                    for (int rank = 0; rank < anchor._2().length; rank++) {
                        wanted.add(new Tuple2<>(anchor._2()[rank], new Tuple2<>(anchor._1(), rank)));
                    }
                    return wanted.iterator();
                })
                .join(documentNumbers.mapToPair(Tuple2::swap))
                .mapToPair(joined -> new Tuple2<>(joined._2()._1()._1(),
                        new Tuple2<>(joined._2()._1()._2(), joined._2()._2())))
                .groupByKey()
                .mapValues(SparkMining::inRankOrder);

        JavaRDD<Row> mined = tasks.leftOuterJoin(negatives)
                .flatMapToPair(joined -> {
                    AnchorTask task = joined._2()._1();
                    List<Example> examples = MinedRows.of(task.rows(), joined._2()._2().or(List.of()), miningOptions);
                    List<Tuple2<Tuple2<Integer, Integer>, Row>> keyed = new ArrayList<>(examples.size());
                    for (int i = 0; i < examples.size(); i++) {
                        keyed.add(new Tuple2<>(new Tuple2<>(joined._1(), i), toRow(examples.get(i))));
                    }
                    return keyed.iterator();
                })
                .sortByKey(new RowOrder())
                .values();
        Dataset<Row> result = spark.createDataFrame(mined, schema()).persist(StorageLevel.MEMORY_AND_DISK());
        long written = result.count();
        for (JavaPairRDD<?, ?> cached : List.of(rows, documentNumbers, tasks, documents, anchors)) {
            cached.unpersist(false);
        }
        if (written == 0) {
            throw new ContrastiveException("no anchor got " + options.numNegatives()
                    + (options.numNegatives() == 1 ? " negative" : " negatives") + ": relax the margins or score"
                    + " bounds, widen --range-max, or add documents");
        }
        return result;
    }

    /** The output columns, as {@code c4j mine} names them in its files. */
    private StructType schema() {
        StructType schema = new StructType();
        if (options.outputFormat() == MiningOutputFormat.PAIRS) {
            return schema.add("sentence1", DataTypes.StringType, false).add("sentence2", DataTypes.StringType, false)
                    .add("score", DataTypes.DoubleType, false);
        }
        schema = schema.add("anchor", DataTypes.StringType, false).add("positive", DataTypes.StringType, false);
        if (options.numNegatives() == 1) {
            return schema.add("negative", DataTypes.StringType, false);
        }
        for (int i = 1; i <= options.numNegatives(); i++) {
            schema = schema.add("negative_" + i, DataTypes.StringType, false);
        }
        return schema;
    }

    private static Row toRow(Example example) {
        if (example instanceof ScoredPair pair) {
            return RowFactory.create(pair.sentence1(), pair.sentence2(), pair.score());
        }
        Triplet triplet = (Triplet) example;
        List<Object> values = new ArrayList<>();
        values.add(triplet.anchor());
        values.add(triplet.positive());
        values.addAll(triplet.negatives());
        return RowFactory.create(values.toArray());
    }

    /** Numbers texts 0, 1, … by the position they were first seen at. */
    private static JavaPairRDD<String, Integer> numberByFirstAppearance(JavaPairRDD<String, Long> firstSeen) {
        return firstSeen.mapToPair(Tuple2::swap).sortByKey().values().zipWithIndex()
                .mapToPair(numbered -> new Tuple2<>(numbered._1(), Math.toIntExact(numbered._2())));
    }

    private static List<String> inRankOrder(Iterable<Tuple2<Integer, String>> ranked) {
        List<Tuple2<Integer, String>> sorted = new ArrayList<>();
        ranked.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(Tuple2::_1));
        return sorted.stream().map(Tuple2::_2).toList();
    }

    private static String requireText(String text, String column) {
        if (text == null) {
            throw new ContrastiveException("a " + column + " text is null: expected a string in every row");
        }
        return text;
    }

    /** Anchor number, then the row's place among the anchor's rows. */
    private static final class RowOrder implements Comparator<Tuple2<Integer, Integer>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<Integer, Integer> a, Tuple2<Integer, Integer> b) {
            int byAnchor = Integer.compare(a._1(), b._1());
            return byAnchor != 0 ? byAnchor : Integer.compare(a._2(), b._2());
        }
    }

    /**
     * One anchor's work.
     *
     * @param number the anchor's number (first appearance)
     * @param anchor its text
     * @param positives its input rows' positives, in input order (SPI rows are not serialisable)
     * @param positiveNumbers the corpus numbers of its rows' positives, aligned with {@code positives}
     * @param excluded the corpus numbers it never takes as negatives: its positives and its own text
     */
    record AnchorTask(int number, String anchor, String[] positives, int[] positiveNumbers, int[] excluded)
            implements Serializable {

        /** Its input rows, in input order. */
        List<Pair> rows() {
            return Arrays.stream(positives).map(positive -> new Pair(anchor, positive)).toList();
        }

        static AnchorTask of(int number, String anchor, Iterable<Tuple2<Long, Tuple2<String, Integer>>> rows,
                Integer self) {
            List<Tuple2<Long, Tuple2<String, Integer>>> sorted = new ArrayList<>();
            rows.forEach(sorted::add);
            sorted.sort(Comparator.comparingLong(Tuple2::_1));
            String[] positives = new String[sorted.size()];
            int[] numbers = new int[sorted.size()];
            Set<Integer> excluded = new LinkedHashSet<>();
            for (int i = 0; i < positives.length; i++) {
                positives[i] = sorted.get(i)._2()._1();
                numbers[i] = sorted.get(i)._2()._2();
                excluded.add(numbers[i]);
            }
            Optional.ofNullable(self).ifPresent(excluded::add);
            return new AnchorTask(number, anchor, positives, numbers,
                    excluded.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Options of a {@link SparkMining}; only the model has no default. */
    public static final class Builder {

        private SparkModel model;
        private MiningOptions options = MiningOptions.builder().build();
        private String anchorColumn = "anchor";
        private String positiveColumn = "positive";
        private String corpusColumn = SparkEncoding.DEFAULT_INPUT_COLUMN;
        private int batchSize = 32;
        private int corpusBlockSize = DEFAULT_CORPUS_BLOCK_SIZE;
        private int anchorChunkSize = DEFAULT_ANCHOR_CHUNK_SIZE;

        private Builder() {
        }

        /** The model; its prompts apply per column (anchors the anchor's, documents the positive's). */
        public Builder model(SparkModel value) {
            model = value;
            return this;
        }

        /** The selection rules, seed and output format ({@code c4j mine}'s options); the default options if not set. */
        public Builder options(MiningOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Default {@code anchor}. */
        public Builder anchorColumn(String value) {
            anchorColumn = Objects.requireNonNull(value, "anchorColumn");
            return this;
        }

        /** Default {@code positive}. */
        public Builder positiveColumn(String value) {
            positiveColumn = Objects.requireNonNull(value, "positiveColumn");
            return this;
        }

        /** The separate corpus's text column; default {@code text}. */
        public Builder corpusColumn(String value) {
            corpusColumn = Objects.requireNonNull(value, "corpusColumn");
            return this;
        }

        /** Texts per forward pass; default 32. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Documents per block of the search; default {@value SparkMining#DEFAULT_CORPUS_BLOCK_SIZE}. */
        public Builder corpusBlockSize(int value) {
            corpusBlockSize = value;
            return this;
        }

        /** Anchors scored together against one block; default {@value SparkMining#DEFAULT_ANCHOR_CHUNK_SIZE}. */
        public Builder anchorChunkSize(int value) {
            anchorChunkSize = value;
            return this;
        }

        public SparkMining build() {
            return new SparkMining(this);
        }
    }
}
