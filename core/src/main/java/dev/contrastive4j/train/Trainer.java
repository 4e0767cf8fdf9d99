package dev.contrastive4j.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes a {@link TrainableModel} with a weighted loss combination.
 *
 * <p>Each update: a no-duplicates batch (seeded by seed and epoch); one gradient collector, in which the loss
 * combination runs its forward and backward passes; a NaN check; global-norm clipping; AdamW with the
 * scheduled learning rate; gradients cleared. Every array made during the update is freed when it ends
 * ({@link NDScope}), so memory stays flat. Dropout seeds derive from the run's seed and the update number,
 * which makes a resumed run take exactly the updates the uninterrupted run would have taken.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainableModel model;
    private final LossPlan plan;
    private final TrainingConfig config;
    private final Path output;
    private final List<TrainingListener> listeners;
    private final List<Evaluator> evaluators;

    /**
     * @param model the model to train, in place
     * @param plan the losses and their converters
     * @param config hyperparameters
     * @param output the run folder: {@code metrics.jsonl}, {@code checkpoints/}, {@code final/}
     * @param evaluators run every {@code evalSteps} updates and at the end
     * @param listeners progress observers
     */
    public Trainer(TrainableModel model, LossPlan plan, TrainingConfig config, Path output,
            List<Evaluator> evaluators, List<TrainingListener> listeners) {
        this.model = model;
        this.plan = plan;
        this.config = config;
        this.output = output;
        this.evaluators = List.copyOf(evaluators);
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains on {@code rows}; with {@code resume}, continues from the newest checkpoint in the output folder.
     *
     * @throws TrainingDivergedException if the loss or the gradients stop being finite
     * @throws ContrastiveException if the data is empty or the checkpoint belongs to another run
     */
    public TrainingResult train(List<? extends Example> rows, boolean resume) {
        if (rows.isEmpty()) {
            throw new ContrastiveException("the training data has no rows");
        }
        if (rows.stream().map(Example::format).distinct().count() > 1
                || rows.stream().map(r -> r.texts().size()).distinct().count() > 1) {
            throw new ContrastiveException("training rows must share one format and one number of columns");
        }
        NoDuplicatesBatchSampler sampler = new NoDuplicatesBatchSampler(rows, config.batchSize(), config.seed(), false);
        long totalSteps = totalSteps(sampler);
        TrainerState fresh = new TrainerState(0, totalSteps, config.seed(), config.batchSize(),
                plan.spec().canonical(), sha256(rows));
        Checkpoints checkpoints = new Checkpoints(output, config.keepCheckpoints());
        checkpoints.removeLeftovers().forEach(p -> LOG.info("removed {}, left by an interrupted run", p));
        LinearWarmupSchedule schedule = LinearWarmupSchedule.withWarmupRatio(config.learningRate(),
                config.warmupRatio(), totalSteps);
        Engine engine = PyTorchRuntime.engine();
        Map<String, NDArray> parameters = model.trainableParameters();

        // The run's arrays (optimizer state, every step's batch arrays and losses) live where the parameters are.
        try (NDManager runManager = engine.newBaseManager(device(parameters));
                AdamW optimizer = new AdamW(parameters, AdamW.DEFAULT_NO_DECAY,
                        AdamW.Settings.defaults(config.weightDecay()), runManager)) {
            long firstStep = resume ? restore(checkpoints, fresh, parameters, optimizer) : 0;
            try (MetricsLog metricsLog = new MetricsLog(output, firstStep)) {
                List<TrainingListener> all = new ArrayList<>(listeners);
                all.add(0, metricsLog);
                all.forEach(l -> l.onStart(firstStep, totalSteps));
                return loop(rows, sampler, firstStep, totalSteps, fresh, checkpoints, schedule, engine, runManager,
                        parameters, optimizer, all);
            }
        }
    }

    private static Device device(Map<String, NDArray> parameters) {
        return parameters.isEmpty() ? Device.cpu() : parameters.values().iterator().next().getDevice();
    }

    /**
     * The number of updates. Batches are planned one epoch at a time, here and in the loop, so that memory does not
     * grow with {@code maxSteps} (a billion steps over four rows is a billion batches).
     */
    private long totalSteps(NoDuplicatesBatchSampler sampler) {
        if (config.maxSteps() > 0) {
            return config.maxSteps(); // every epoch has at least one batch, so the run always gets there
        }
        long steps = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            steps += sampler.batches(epoch).size();
        }
        return steps;
    }

    private TrainingResult loop(List<? extends Example> rows, NoDuplicatesBatchSampler sampler, long firstStep,
            long totalSteps, TrainerState fresh, Checkpoints checkpoints, LinearWarmupSchedule schedule,
            Engine engine, NDManager runManager, Map<String, NDArray> parameters, AdamW optimizer,
            List<TrainingListener> listeners) {
        long start = System.nanoTime();
        long step = 0;
        long rowsTrained = 0;
        double lastLoss = Double.NaN;
        Map<String, Double> lastEvaluation = Map.of();
        Optional<Path> lastCheckpoint = checkpoints.latest().map(Checkpoints.Checkpoint::folder);
        LossCombination combination = new LossCombination(plan);
        for (int epoch = 0; step < totalSteps; epoch++) {
            List<int[]> batches = sampler.batches(epoch);
            if (step + batches.size() <= firstStep) {
                step += batches.size(); // trained before the checkpoint
                continue;
            }
            for (int[] indices : batches) {
                if (step == totalSteps) {
                    break;
                }
                step++;
                if (step <= firstStep) {
                    continue;
                }
                long stepStart = System.nanoTime();
                List<Example> batch = new ArrayList<>(indices.length);
                for (int index : indices) {
                    batch.add(rows.get(index));
                }
                double learningRate = schedule.at(step - 1);
                LossCombination.StepLosses losses;
                double gradientNorm;
                try (NDScope ignored = new NDScope(); NDManager stepManager = runManager.newSubManager()) {
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        var context = new StepLossContext(model, stepManager, stepSeed(config.seed(), step), collector);
                        losses = combination.forwardBackward(batch, context);
                    }
                    gradientNorm = config.maxGradNorm() > 0
                            ? GradientClipping.clip(parameters.values(), config.maxGradNorm())
                            : GradientClipping.globalNorm(parameters.values());
                    if (!Double.isFinite(losses.total()) || !Double.isFinite(gradientNorm)) {
                        List<String> culprits = nonFiniteGradients(parameters);
                        optimizer.zeroGradients();
                        throw diverged(step, losses, gradientNorm, culprits, lastCheckpoint);
                    }
                    optimizer.step(learningRate);
                    optimizer.zeroGradients();
                }
                rowsTrained += indices.length;
                lastLoss = losses.total();
                double stepSeconds = (System.nanoTime() - stepStart) / 1e9;
                StepMetrics metrics = new StepMetrics(step, totalSteps, epoch, losses.total(), losses.byLoss(),
                        learningRate, gradientNorm, indices.length / stepSeconds, (System.nanoTime() - start) / 1e9);
                listeners.forEach(l -> l.onStep(metrics));

                boolean last = step == totalSteps;
                if (config.saveSteps() > 0 && (step % config.saveSteps() == 0 || last)) {
                    lastCheckpoint = Optional.of(checkpoint(checkpoints, fresh, step, parameters, optimizer, listeners));
                }
                if (!evaluators.isEmpty() && (last || (config.evalSteps() > 0 && step % config.evalSteps() == 0))) {
                    lastEvaluation = evaluate(step, listeners);
                }
            }
        }
        Path finalModel = output.resolve("final");
        try {
            model.save(finalModel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the final model to " + finalModel + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainingResult result = new TrainingResult(totalSteps, finalModel, lastLoss, lastEvaluation, seconds,
                rowsTrained / Math.max(seconds, 1e-9));
        listeners.forEach(l -> l.onFinish(result));
        return result;
    }

    private Path checkpoint(Checkpoints checkpoints, TrainerState fresh, long step, Map<String, NDArray> parameters,
            AdamW optimizer, List<TrainingListener> listeners) {
        TrainerState state = new TrainerState(step, fresh.totalSteps(), fresh.seed(), fresh.batchSize(), fresh.loss(),
                fresh.dataSha256());
        Path folder;
        try (NDScope ignored = new NDScope()) {
            folder = checkpoints.save(state, parameters, optimizer.state());
        }
        listeners.forEach(l -> l.onCheckpoint(step, folder));
        return folder;
    }

    private Map<String, Double> evaluate(long step, List<TrainingListener> listeners) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Evaluator evaluator : evaluators) {
            metrics.putAll(evaluator.evaluate(model::encode).metrics());
        }
        listeners.forEach(l -> l.onEvaluation(step, metrics));
        return metrics;
    }

    private long restore(Checkpoints checkpoints, TrainerState fresh, Map<String, NDArray> parameters,
            AdamW optimizer) {
        Optional<Checkpoints.Checkpoint> latest = checkpoints.latest();
        if (latest.isEmpty()) {
            LOG.info("no checkpoint in {}; starting from the first step", output);
            return 0;
        }
        Checkpoints.Checkpoint checkpoint = latest.get();
        String problem = fresh.incompatibility(checkpoint.state());
        if (problem != null) {
            throw new ContrastiveException("cannot resume from " + checkpoint.folder() + ": " + problem);
        }
        Map<String, float[]> weights = Checkpoints.readTensors(checkpoint.folder(), Checkpoints.MODEL_FILE);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            float[] values = weights.get(entry.getKey());
            if (values == null || values.length != entry.getValue().size()) {
                throw new ContrastiveException("cannot resume from " + checkpoint.folder() + ": parameter '"
                        + entry.getKey() + "' is missing or has another shape");
            }
            entry.getValue().set(values);
        }
        optimizer.restore(Checkpoints.readTensors(checkpoint.folder(), Checkpoints.OPTIMIZER_FILE),
                checkpoint.state().step());
        LOG.info("resuming from {} at step {}", checkpoint.folder(), checkpoint.state().step());
        return checkpoint.state().step();
    }

    /** The parameters whose gradient holds NaN or infinity, for the divergence message. */
    private static List<String> nonFiniteGradients(Map<String, NDArray> parameters) {
        List<String> names = new ArrayList<>();
        parameters.forEach((name, parameter) -> {
            try (NDArray g = parameter.getGradient()) {
                for (float value : g.toFloatArray()) {
                    if (!Float.isFinite(value)) {
                        names.add(name);
                        break;
                    }
                }
            }
        });
        return names;
    }

    private static TrainingDivergedException diverged(long step, LossCombination.StepLosses losses,
            double gradientNorm, List<String> culprits, Optional<Path> lastCheckpoint) {
        String where = lastCheckpoint.map(p -> "the last good checkpoint is " + p + " (continue with --resume"
                + " after lowering the learning rate)").orElse("no checkpoint had been written yet");
        String gradients = culprits.isEmpty() ? "" : " (non-finite gradients in " + culprits.size() + " parameters, first "
                + culprits.get(0) + ")";
        return new TrainingDivergedException("training diverged at step " + step + ": loss " + losses.total()
                + " " + losses.byLoss() + ", gradient norm " + gradientNorm + gradients + "; stopped, " + where, step);
    }

    /** A well-mixed seed per update, so that dropout never repeats between steps. */
    static long stepSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (z ^ (z >>> 33)) & 0x7FFFFFFFFFFFL; // positive, and far below Long.MAX_VALUE for seed + offset
    }

    /** SHA-256 over every text of every row, with separators, in order. */
    static String sha256(List<? extends Example> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Example row : rows) {
                for (String text : row.texts()) {
                    digest.update(text.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0x1F);
                }
                if (row instanceof dev.contrastive4j.spi.ScoredPair pair) {
                    digest.update(Double.toString(pair.score()).getBytes(StandardCharsets.UTF_8));
                }
                digest.update((byte) 0x1E);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
