package dev.contrastive4j.train;

import java.util.Map;

/** Evaluates the model during and after training; returns metric name → value. */
@FunctionalInterface
public interface StepEvaluator {

    Map<String, Double> evaluate(TrainableModel model);
}
