package dev.contrastive4j.cli;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.eval.EvaluationSuite;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.train.Training;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingListener;
import dev.contrastive4j.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code c4j train}: fine-tune a model with a weighted combination of losses. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune a sentence-embedding model with a weighted combination of losses.",
            "Without --train it trains on a seeded subset of the bundled WordNet sense triplets and evaluates on"
                    + " their dev split.",
            "Example: c4j train --loss \"0.7*angle + 0.3*triplet(margin=0.5, distance=cosine)\" --output runs/x"})
final class TrainCommand implements Callable<Integer> {

    /** Training rows taken from the bundled data when --train is not given, so the run takes minutes. */
    static final int BUNDLED_TRAIN_SIZE = 1024;

    @ParentCommand
    C4j root;

    /** Updates between checkpoints unless --save-steps says otherwise, so that --resume has one to continue from. */
    static final int DEFAULT_SAVE_STEPS = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    TrainingOptions trainingOptions;

    @Option(names = "--train", paramLabel = "FILE", description = "Training data (JSONL, CSV, TSV, .gz); default: the"
            + " bundled WordNet training split.")
    Path train;

    @Option(names = "--eval", paramLabel = "FILE", description = "Evaluation data (triplets or scored pairs); default"
            + " with bundled data: the bundled dev split.")
    Path eval;

    @Option(names = "--loss", defaultValue = "mnrl", description = "Loss expression (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--output", paramLabel = "DIR", description = "Run folder (default: runs/train-<timestamp>).")
    Path output;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --output.")
    boolean resume;

    @Option(names = "--train-size", paramLabel = "N", description = "Train on a seeded random subset of N rows"
            + " (default with bundled data: " + BUNDLED_TRAIN_SIZE + ").")
    Integer trainSize;

    @Option(names = "--mapping", paramLabel = "SPEC", description = "Column mapping, e.g."
            + " anchor=question,positive=answer,negative=wrong.")
    String mapping;

    @Option(names = "--skip-bad-rows", description = "Skip malformed data rows (reported) instead of stopping.")
    boolean skipBadRows;

    @Option(names = "--keep-best", paramLabel = "METRIC", description = "Keep the model of the best evaluation by"
            + " this metric (higher is better) in <output>/best, e.g. ir.ndcg@10.")
    String keepBest;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    /** Keeps the line for Ctrl-C up to date: the last checkpoint and how to continue. */
    private TrainingListener interruptionNotes(Path folder) {
        String again = resume ? "the same command" : "the same command and --resume";
        root.setInterruptionNote(resume ? "; the run is as it was" : "; training had not started: nothing was kept");
        return new TrainingListener() {
            @Override
            public void onStart(long firstStep, long totalSteps) {
                if (firstStep > 0) {
                    onCheckpoint(firstStep, folder.resolve("checkpoints").resolve(String.format(Locale.ROOT,
                            "step-%08d", firstStep)));
                } else {
                    root.setInterruptionNote("; no checkpoint was written yet: " + again
                            + " starts again from the first step");
                }
            }

            @Override
            public void onCheckpoint(long step, Path checkpointFolder) {
                root.setInterruptionNote("; the last checkpoint is " + checkpointFolder + " (step " + step + "): continue"
                        + " with " + again + (resume || output != null ? "" : " --output " + folder));
            }

            @Override
            public void onFinish(TrainingResult result) {
                root.setInterruptionNote("; training had finished: the final model is " + result.finalModel());
            }
        };
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean bundled = train == null;
        ReadOptions readOptions = ReadOptions.defaults();
        if (mapping != null) {
            readOptions = readOptions.withMapping(mapping);
        }
        if (skipBadRows) {
            readOptions = readOptions.skippingBadRows();
        }
        // c4j train checkpoints every 100 updates unless told otherwise (TrainingConfig alone never does).
        TrainingConfig config = trainingOptions.applyTo(TrainingConfig.builder().saveSteps(DEFAULT_SAVE_STEPS)).build();
        Path folder = output != null ? output : Path.of("runs", "train-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        Path trainFile = bundled ? BundledData.wordnetTrain() : train;
        Optional<Path> evalFile = Optional.ofNullable(eval)
                .or(() -> bundled ? Optional.of(BundledData.wordnetDev()) : Optional.empty());
        ReadOptions evalReadOptions = readOptions;
        Training.Builder training = Training.builder().model(modelOptions.model()).trainFile(trainFile)
                .readOptions(readOptions).prompts(modelOptions.prompts()).device(modelOptions.device())
                .loss(loss).config(config).output(folder).resume(resume).registry(root.registry(err))
                .evaluators(() -> evalFile.map(file -> List.of(EvaluationSuite.forFile(file, evalReadOptions)
                        .asOneEvaluator("eval"))).orElse(List.<Evaluator>of()))
                .listener(interruptionNotes(folder))
                .log(message -> {
                    err.println("c4j: " + message);
                    err.flush();
                });
        evalFile.ifPresent(training::evaluationFile);
        if (modelOptions.maxSeqLength != null) {
            training.maxSeqLength(modelOptions.maxSeqLength);
        }
        if (trainSize != null) {
            training.trainSize(trainSize);
        } else if (bundled) {
            training.trainSize(BUNDLED_TRAIN_SIZE);
        }
        if (keepBest != null) {
            training.keepBestBy(keepBest);
        }
        TrainingResult result;
        try (ProgressDisplay progress = noProgress ? null : ProgressDisplay.forStandardError("train")) {
            if (progress != null) {
                training.listener(progress);
            }
            result = training.build().run().result();
        }
        out.printf(Locale.ROOT, "Trained %d steps in %.1f s (%.1f rows/s); final loss %.4f%n", result.steps(),
                result.trainingSeconds(), result.rowsPerSecond(), result.finalLoss());
        result.evaluation().forEach((name, value) -> out.printf(Locale.ROOT, "  %-28s %.4f%n", name, value));
        out.printf("Model saved to %s%n", result.finalModel());
        out.flush();
        return 0;
    }
}
