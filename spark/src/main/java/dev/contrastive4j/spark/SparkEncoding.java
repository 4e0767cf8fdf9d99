package dev.contrastive4j.spark;

import dev.contrastive4j.encoding.Encoding;
import dev.contrastive4j.encoding.PromptedEncoder;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Embeds a text column of a Spark data set, as {@code c4j encode} embeds a file: each executor loads the model once
 * ({@link ExecutorModels}), each partition is embedded {@link Builder#chunkSize chunkSize} texts at a time in
 * batches sorted by length, with the same prompts, token limit and normalisation (core's {@link PromptedEncoder}).
 * The result is the input with one more column, {@code array<float>}, in the same row order.
 *
 * <pre>{@code
 * Dataset<Row> embedded = SparkEncoding.builder().model(SparkModel.named("minilm"))
 *         .inputColumn("text").outputColumn("embedding").build().transform(corpus);
 * }</pre>
 */
public final class SparkEncoding {

    /** The column read unless another is named. */
    public static final String DEFAULT_INPUT_COLUMN = "text";
    /** The column added unless another is named. */
    public static final String DEFAULT_OUTPUT_COLUMN = "embedding";

    private final PartitionEncoder encoder;
    private final String inputColumn;
    private final String outputColumn;

    private SparkEncoding(Builder builder) {
        SparkModel model = Objects.requireNonNull(builder.model, "model");
        PromptedEncoder.requireSingle(model.prompts());
        this.encoder = new PartitionEncoder(model, PromptRole.ANCHOR, builder.normalize, builder.batchSize,
                builder.chunkSize);
        this.inputColumn = Objects.requireNonNull(builder.inputColumn, "inputColumn");
        this.outputColumn = Objects.requireNonNull(builder.outputColumn, "outputColumn");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The input with the embeddings of {@code inputColumn} added as {@code outputColumn}. Lazy, as Spark's
     * transformations are: the model is loaded and the texts embedded when an action runs.
     *
     * @throws ContrastiveException if the input column is missing or not a string column, or the output column
     *     exists already; a null text fails the job with a message saying so
     */
    public Dataset<Row> transform(Dataset<Row> input) {
        int textIndex = SparkColumns.requireString(input, inputColumn, "input column");
        if (Arrays.asList(input.columns()).contains(outputColumn)) {
            throw new ContrastiveException("output column '" + outputColumn + "' exists already in the data set"
                    + " (columns " + Arrays.toString(input.columns()) + "): choose another outputColumn");
        }
        StructType schema = input.schema().add(outputColumn,
                DataTypes.createArrayType(DataTypes.FloatType, false), false);
        PartitionEncoder partitionEncoder = encoder;
        MapPartitionsFunction<Row, Row> embed = rows -> partitionEncoder.embed(rows, row -> row.getString(textIndex),
                (row, embedding) -> {
                    Object[] values = new Object[row.length() + 1];
                    for (int i = 0; i < row.length(); i++) {
                        values[i] = row.get(i);
                    }
                    values[row.length()] = embedding;
                    return RowFactory.create(values);
                });
        return input.mapPartitions(embed, Encoders.row(schema));
    }

    /** Options of a {@link SparkEncoding}; only the model has no default. */
    public static final class Builder {

        private SparkModel model;
        private String inputColumn = DEFAULT_INPUT_COLUMN;
        private String outputColumn = DEFAULT_OUTPUT_COLUMN;
        private int batchSize = 32;
        private int chunkSize = Encoding.CHUNK_TEXTS;
        private boolean normalize;

        private Builder() {
        }

        /** The model, its prompts and token limit. */
        public Builder model(SparkModel value) {
            model = value;
            return this;
        }

        /** The string column to embed; default {@value SparkEncoding#DEFAULT_INPUT_COLUMN}. */
        public Builder inputColumn(String value) {
            inputColumn = value;
            return this;
        }

        /** The {@code array<float>} column added; default {@value SparkEncoding#DEFAULT_OUTPUT_COLUMN}. */
        public Builder outputColumn(String value) {
            outputColumn = value;
            return this;
        }

        /** Texts per forward pass; default 32, as {@code c4j encode}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /**
         * Texts handed to the encoder at a time within a partition, sorted by length there; default
         * {@value Encoding#CHUNK_TEXTS}, the chunk {@code c4j encode} embeds at a time.
         */
        public Builder chunkSize(int value) {
            chunkSize = value;
            return this;
        }

        /** Scale every embedding to unit length, also when the model does not normalise. */
        public Builder normalize(boolean value) {
            normalize = value;
            return this;
        }

        public SparkEncoding build() {
            return new SparkEncoding(this);
        }
    }
}
