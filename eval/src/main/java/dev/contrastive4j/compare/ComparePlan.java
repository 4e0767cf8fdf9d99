package dev.contrastive4j.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a comparison does, fixed before it starts: one base model, one training set, one test set, the
 * metrics to report, the seeds, the shared hyperparameters and the configurations. Saved as
 * {@code compare.json} in the output folder, so that {@code --resume} can refuse to mix two different plans.
 *
 * @param model the base model every configuration starts from ({@code minilm} or a model folder)
 * @param maxSeqLength overrides the model's token limit
 * @param train the training data file
 * @param trainSize train on a seeded subset of this many rows (chosen with the first seed, the same for every
 *     configuration and seed)
 * @param test the test set of every configuration
 * @param curveSize test examples in the seeded subset evaluated every {@code evalSteps} updates
 * @param metrics the metrics of the report's table and charts, main metric first
 * @param seeds runs per configuration, with seeds {@code training.seed()}, {@code +1}, …
 * @param training the shared hyperparameters; its seed is the first seed
 * @param configurations the losses to compare, each from the same base model
 * @param truncateDims sizes at which every model is also measured, its embeddings cut to their first components (as
 *     sentence-transformers' {@code truncate_dim}; Matryoshka-trained models keep most of their quality there): each
 *     configuration gets a row {@code name@size} beside its own
 * @param prompts put in front of each column's texts in every training and every evaluation, the base model's
 *     included (see {@link Prompts}); {@code @NAME} values name the base model's prompts, which trained models keep
 */
public record ComparePlan(String model, OptionalInt maxSeqLength, Path train, OptionalInt trainSize, TestSet test,
        int curveSize, List<String> metrics, int seeds, TrainingConfig training,
        List<CompareConfiguration> configurations, List<Integer> truncateDims, Prompts prompts) {

    /**
     * Training rows taken from the bundled data by default: 20 updates of 32 per configuration, and the whole default
     * comparison in about five minutes on two cores (it was 320 rows before the optimizer and encoder were sped up).
     */
    public static final int DEFAULT_TRAIN_SIZE = 640;
    /** Test examples in the learning-curve subset by default. */
    public static final int DEFAULT_CURVE_SIZE = 256;
    /** Updates between learning-curve evaluations by default. */
    public static final long DEFAULT_EVAL_STEPS = 5;
    /**
     * Peak learning rate by default: five times {@code c4j train}'s 2e-5, because a default comparison trains
     * each configuration for only 20 updates, and at 2e-5 they would barely leave the base model.
     */
    public static final double DEFAULT_LEARNING_RATE = 1e-4;
    /** Updates between checkpoints by default (a checkpoint lets an interrupted run continue). */
    public static final long DEFAULT_SAVE_STEPS = 5;

    /** The main metrics of a triplet test set: what the README's baseline reports. */
    public static final List<String> DEFAULT_METRICS = List.of(Metrics.TRIPLET_COSINE_ACCURACY, Metrics.IR_MRR_AT_10,
            Metrics.IR_NDCG_AT_10, Metrics.IR_RECALL_AT_1, Metrics.IR_RECALL_AT_10);

    /** A plan without prompts. */
    public ComparePlan(String model, OptionalInt maxSeqLength, Path train, OptionalInt trainSize, TestSet test,
            int curveSize, List<String> metrics, int seeds, TrainingConfig training,
            List<CompareConfiguration> configurations, List<Integer> truncateDims) {
        this(model, maxSeqLength, train, trainSize, test, curveSize, metrics, seeds, training, configurations,
                truncateDims, Prompts.NONE);
    }

    public ComparePlan {
        java.util.Objects.requireNonNull(prompts, "prompts");
        metrics = List.copyOf(metrics);
        configurations = List.copyOf(configurations);
        truncateDims = List.copyOf(truncateDims);
        for (int size : truncateDims) {
            if (size < 1) {
                throw new ContrastiveException("--truncate-dims: each size must be >= 1, got " + size);
            }
        }
        if (Set.copyOf(truncateDims).size() != truncateDims.size()) {
            throw new ContrastiveException("--truncate-dims: a size is given twice in " + truncateDims);
        }
        if (curveSize < 1) {
            throw new ContrastiveException("--curve-size must be >= 1, got " + curveSize);
        }
        if (seeds < 1) {
            throw new ContrastiveException("--seeds must be >= 1, got " + seeds);
        }
        if (trainSize.isPresent() && trainSize.getAsInt() < 1) {
            throw new ContrastiveException("--train-size must be >= 1, got " + trainSize.getAsInt());
        }
        if (metrics.isEmpty()) {
            throw new ContrastiveException("--metrics: expected at least one metric name, found none");
        }
        CompareConfiguration.requireDistinctNames(configurations, "the configuration list");
        for (CompareConfiguration configuration : configurations) {
            configuration.overrides().applyTo(training); // fails now, not after hours of training
        }
    }

    /**
     * Checks that every configuration's loss expression parses and names known losses.
     *
     * @throws ContrastiveException naming the configuration and pointing at the mistake in its expression
     */
    public void requireKnownLosses(PluginRegistry registry) {
        for (CompareConfiguration configuration : configurations) {
            try {
                LossSpec.parse(configuration.loss(), registry);
            } catch (ContrastiveException e) {
                throw new ContrastiveException("configuration '" + configuration.name() + "': " + e.getMessage(), e);
            }
        }
    }

    /** The seeds every configuration runs with, in order. */
    public List<Long> seedList() {
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            list.add(training.seed() + i);
        }
        return list;
    }

    /** The plan as JSON, for {@code compare.json}. */
    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("model", model);
        if (!prompts.isEmpty()) {
            node.put("prompts", prompts.toString());
        }
        if (maxSeqLength.isPresent()) {
            node.put("max_seq_length", maxSeqLength.getAsInt());
        }
        node.put("train", train.toString());
        if (trainSize.isPresent()) {
            node.put("train_size", trainSize.getAsInt());
        }
        node.put("test", test.file().toString());
        test.retrievalFolder().ifPresent(folder -> node.put("test_retrieval", folder.toString()));
        node.put("curve_size", curveSize);
        metrics.forEach(node.putArray("metrics")::add);
        node.put("seeds", seeds);
        node.put("seed", training.seed());
        node.put("epochs", training.epochs());
        node.put("max_steps", training.maxSteps());
        node.put("batch_size", training.batchSize());
        node.put("lr", training.learningRate());
        node.put("warmup_ratio", training.warmupRatio());
        node.put("weight_decay", training.weightDecay());
        node.put("max_grad_norm", training.maxGradNorm());
        node.put("eval_steps", training.evalSteps());
        node.put("save_steps", training.saveSteps());
        if (!truncateDims.isEmpty()) {
            truncateDims.forEach(node.putArray("truncate_dims")::add); // absent otherwise: older plans stay resumable
        }
        ArrayNode list = node.putArray("configurations");
        for (CompareConfiguration configuration : configurations) {
            ObjectNode entry = list.addObject().put("name", configuration.name()).put("loss", configuration.loss());
            String overrides = configuration.overrides().describe();
            if (!overrides.isEmpty()) {
                entry.put("overrides", overrides);
            }
            configuration.train().ifPresent(file -> entry.put("train", file.toString()));
            configuration.mining().ifPresent(mining -> entry.put("mine", mining.describe()));
        }
        return node;
    }

    /**
     * Checks that a saved plan is this one, for {@code --resume}.
     *
     * @throws ContrastiveException naming the first field that differs
     */
    static void requireSame(JsonNode saved, JsonNode current, Path file) {
        List<String> fields = new ArrayList<>();
        saved.fieldNames().forEachRemaining(fields::add);
        current.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                fields.add(name);
            }
        });
        for (Iterator<String> it = fields.iterator(); it.hasNext(); ) {
            String field = it.next();
            JsonNode before = saved.get(field);
            JsonNode now = current.get(field);
            // As text: 42 read back from a file is an int node, 42 put as a long is a long node.
            if (before == null || now == null || !before.toString().equals(now.toString())) {
                throw new ContrastiveException("cannot resume the comparison in " + file.getParent() + ": field '"
                        + field + "' was " + (before == null ? "unset" : before) + " in " + file.getFileName()
                        + ", now " + (now == null ? "unset" : now) + "; give the same options, or another --output");
            }
        }
    }

    /**
     * A plan built from what is given, the rest from the defaults: all-MiniLM-L6-v2, a seeded subset of
     * {@value #DEFAULT_TRAIN_SIZE} rows of the bundled WordNet training split (every row of a training file given),
     * the bundled test split, the default configurations ({@link CompareConfiguration#defaults()}), one seed, and
     * short-run hyperparameters (learning rate {@value #DEFAULT_LEARNING_RATE}, curve every
     * {@value #DEFAULT_EVAL_STEPS} updates).
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link ComparePlan}. Each value may be given twice, from a configuration file ({@link #configFile})
     * and then from the caller: the later one wins, and what neither gives comes from the defaults.
     */
    public static final class Builder {

        private String model;
        private Integer maxSeqLength;
        private Path train;
        private Integer trainSize;
        private Path test;
        private Integer curveSize;
        private List<String> metrics;
        private Integer seeds;
        private Long seed;
        private Integer epochs;
        private Long maxSteps;
        private Integer batchSize;
        private Double learningRate;
        private Double warmupRatio;
        private Double weightDecay;
        private Double maxGradNorm;
        private Long evalSteps;
        private Long saveSteps;
        private List<CompareConfiguration> configurations;
        private List<Integer> truncateDims;
        private Prompts prompts = Prompts.NONE;

        private Builder() {
        }

        /** Takes every value the file gives; paths in it are relative to the file's folder. */
        public Builder configFile(CompareConfigFile file) {
            CompareConfigFile.Content c = file.content();
            model = firstNonNull(file.model(), model);
            maxSeqLength = firstNonNull(c.maxSeqLength(), maxSeqLength);
            train = c.train() != null ? file.resolve(c.train()) : train;
            trainSize = firstNonNull(c.trainSize(), trainSize);
            test = c.test() != null ? file.resolve(c.test()) : test;
            curveSize = firstNonNull(c.curveSize(), curveSize);
            metrics = firstNonNull(c.metrics(), metrics);
            seeds = firstNonNull(c.seeds(), seeds);
            seed = firstNonNull(c.seed(), seed);
            epochs = firstNonNull(c.epochs(), epochs);
            maxSteps = firstNonNull(c.maxSteps(), maxSteps);
            batchSize = firstNonNull(c.batchSize(), batchSize);
            learningRate = firstNonNull(c.lr(), learningRate);
            warmupRatio = firstNonNull(c.warmupRatio(), warmupRatio);
            weightDecay = firstNonNull(c.weightDecay(), weightDecay);
            maxGradNorm = firstNonNull(c.maxGradNorm(), maxGradNorm);
            evalSteps = firstNonNull(c.evalSteps(), evalSteps);
            saveSteps = firstNonNull(c.saveSteps(), saveSteps);
            configurations = firstNonNull(file.configurations(), configurations);
            truncateDims = firstNonNull(c.truncateDims(), truncateDims);
            return this;
        }

        /** Prompts for every training and evaluation (see {@link Prompts}); default: none. */
        public Builder prompts(Prompts value) {
            prompts = java.util.Objects.requireNonNull(value, "prompts");
            return this;
        }

        /** The base model: a bundled name or a model folder. */
        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder maxSeqLength(int value) {
            maxSeqLength = value;
            return this;
        }

        /** The training data; without it, the bundled WordNet training split. */
        public Builder train(Path value) {
            train = value;
            return this;
        }

        /** Train on a seeded subset of this many rows. */
        public Builder trainSize(int value) {
            trainSize = value;
            return this;
        }

        /** The test data; without it, the bundled WordNet test split and its retrieval layout. */
        public Builder test(Path value) {
            test = value;
            return this;
        }

        public Builder curveSize(int value) {
            curveSize = value;
            return this;
        }

        /** The table's metrics, main metric first; default: the main metrics of the test data's format. */
        public Builder metrics(List<String> value) {
            metrics = List.copyOf(value);
            return this;
        }

        /** Runs per configuration, with seeds {@code seed}, {@code seed + 1}, … */
        public Builder seeds(int value) {
            seeds = value;
            return this;
        }

        /** The first seed; it also picks the data subsets. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder maxSteps(long value) {
            maxSteps = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder warmupRatio(double value) {
            warmupRatio = value;
            return this;
        }

        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        public Builder maxGradNorm(double value) {
            maxGradNorm = value;
            return this;
        }

        public Builder evalSteps(long value) {
            evalSteps = value;
            return this;
        }

        public Builder saveSteps(long value) {
            saveSteps = value;
            return this;
        }

        /** The configurations to compare, each a name and a loss expression (with optional overrides). */
        public Builder configurations(List<CompareConfiguration> value) {
            configurations = List.copyOf(value);
            return this;
        }

        /** As {@link #configurations(List)}, from {@code --configs} text: {@code "a=mnrl; b=0.5*angle + 0.5*triplet"}. */
        public Builder configurations(String value) {
            return configurations(CompareConfiguration.parseList(value));
        }

        /**
         * Also measure every model with its embeddings cut to each of these sizes (rows {@code name@size}), e.g.
         * {@code [256, 128, 64]} next to a {@code matryoshka(mnrl, dims=[384, 256, 128, 64])} configuration.
         */
        public Builder truncateDims(List<Integer> value) {
            truncateDims = List.copyOf(value);
            return this;
        }

        /** @throws ContrastiveException naming the first value out of range */
        public ComparePlan build() {
            boolean bundledTrain = train == null;
            Integer size = firstNonNull(trainSize, bundledTrain ? DEFAULT_TRAIN_SIZE : null);
            // TrainingConfig's defaults, but compare's short runs: a higher peak rate, curves and checkpoints often.
            TrainingConfig.Builder config = TrainingConfig.builder().learningRate(DEFAULT_LEARNING_RATE)
                    .evalSteps(DEFAULT_EVAL_STEPS).saveSteps(DEFAULT_SAVE_STEPS).keepCheckpoints(1);
            ifSet(epochs, config::epochs);
            ifSet(maxSteps, config::maxSteps);
            ifSet(batchSize, config::batchSize);
            ifSet(learningRate, config::learningRate);
            ifSet(warmupRatio, config::warmupRatio);
            ifSet(weightDecay, config::weightDecay);
            ifSet(maxGradNorm, config::maxGradNorm);
            ifSet(seed, config::seed);
            ifSet(evalSteps, config::evalSteps);
            ifSet(saveSteps, config::saveSteps);
            TrainingConfig training = config.build();
            OptionalInt tokens = maxSeqLength == null ? OptionalInt.empty() : EncoderLoader.tokenLimit(maxSeqLength);
            TestSet testSet = test == null ? TestSet.bundled() : TestSet.of(test);
            List<String> metricList = metrics != null ? metrics.stream().map(String::strip).toList()
                    : test == null ? DEFAULT_METRICS : defaultMetrics(testSet);
            return new ComparePlan(firstNonNull(model, EncoderLoader.MINILM),
                    tokens,
                    bundledTrain ? BundledData.wordnetTrain() : train,
                    size == null ? OptionalInt.empty() : OptionalInt.of(size),
                    testSet, firstNonNull(curveSize, DEFAULT_CURVE_SIZE), metricList, firstNonNull(seeds, 1), training,
                    firstNonNull(configurations, CompareConfiguration.defaults()),
                    firstNonNull(truncateDims, List.of()), prompts);
        }

        /** The main metrics a user's test file supports, by its format. */
        private static List<String> defaultMetrics(TestSet testSet) {
            if (!Files.isRegularFile(testSet.file())) {
                return DEFAULT_METRICS; // the comparison reports the missing file
            }
            return switch (testSet.examples().get(0).format()) {
                case TRIPLET -> DEFAULT_METRICS;
                case PAIR -> DEFAULT_METRICS.subList(1, DEFAULT_METRICS.size());
                case SCORED_PAIR -> List.of(Metrics.SIMILARITY_SPEARMAN_COSINE, Metrics.SIMILARITY_PEARSON_COSINE);
            };
        }

        private static <T> void ifSet(T value, Consumer<T> setter) {
            if (value != null) {
                setter.accept(value);
            }
        }

        private static <T> T firstNonNull(T value, T otherwise) {
            return value != null ? value : otherwise;
        }
    }
}
