package com.example.consumer;

import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.eval.Evaluation;
import dev.contrastive4j.eval.EvaluationReport;
import dev.contrastive4j.eval.EvaluationSuite;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.train.Training;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingOutcome;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Uses contrastive4j as a library: lists the losses its class path provides, trains a tiny random BERT for a few
 * steps with the loss expression given and evaluates the result on the same file. Which losses exist depends only on
 * which loss-family artifacts the pom names: add {@code contrastive4j-losses-gist} and {@code gist} trains too.
 */
public final class TrainTinyModel {

    private TrainTinyModel() {
    }

    /** Arguments: a triplet file, a work folder (it gets {@code base-model/} and {@code run/}), a loss expression. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TrainTinyModel TRIPLETS WORK_FOLDER LOSS_EXPRESSION");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path work = Path.of(args[1]);
        String loss = args[2];

        PluginRegistry plugins = PluginRegistry.discover(TrainTinyModel.class.getClassLoader());
        System.out.println("losses: " + plugins.losses().stream()
                .map(found -> found.descriptor().name())
                .sorted()
                .collect(Collectors.joining(" ")));

        // A tiny random model keeps the example quick; a real program names "minilm" or a model folder instead.
        Path baseModel = work.resolve("base-model");
        try (SentenceEncoder tiny = TinyBert.create(42)) {
            tiny.save(baseModel);
        }
        TrainingOutcome outcome = Training.builder()
                .model(baseModel.toString())
                .trainFile(data)
                .loss(loss)
                .config(TrainingConfig.builder().maxSteps(3).batchSize(4).learningRate(1e-3).seed(42).build())
                .output(work.resolve("run"))
                .build()
                .run();
        System.out.printf("trained %s: %d steps, final loss %.6f%n", loss, outcome.result().steps(),
                outcome.result().finalLoss());

        EvaluationReport report = Evaluation.builder()
                .model(outcome.result().finalModel().toString())
                .suite(EvaluationSuite.forFile(data, ReadOptions.defaults()))
                .build()
                .run();
        System.out.print(report.toTable());
    }
}
