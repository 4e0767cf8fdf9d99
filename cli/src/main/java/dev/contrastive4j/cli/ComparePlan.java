package dev.contrastive4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

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
 */
record ComparePlan(String model, OptionalInt maxSeqLength, Path train, OptionalInt trainSize, TestSet test,
        int curveSize, List<String> metrics, int seeds, TrainingConfig training,
        List<CompareConfiguration> configurations) {

    /** The main metrics of a triplet test set: what the README's baseline reports. */
    static final List<String> DEFAULT_METRICS = List.of(Metrics.TRIPLET_COSINE_ACCURACY, Metrics.IR_MRR_AT_10,
            Metrics.IR_NDCG_AT_10, Metrics.IR_RECALL_AT_1, Metrics.IR_RECALL_AT_10);

    ComparePlan {
        metrics = List.copyOf(metrics);
        configurations = List.copyOf(configurations);
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

    /** The seeds every configuration runs with, in order. */
    List<Long> seedList() {
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
        ArrayNode list = node.putArray("configurations");
        for (CompareConfiguration configuration : configurations) {
            ObjectNode entry = list.addObject().put("name", configuration.name()).put("loss", configuration.loss());
            String overrides = configuration.overrides().describe();
            if (!overrides.isEmpty()) {
                entry.put("overrides", overrides);
            }
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
}
