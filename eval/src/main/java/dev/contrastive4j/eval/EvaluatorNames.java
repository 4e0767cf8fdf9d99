package dev.contrastive4j.eval;

/** The rule every evaluator name follows: non-blank, so that results and logs are labelled. */
final class EvaluatorNames {

    private EvaluatorNames() {
    }

    static String require(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an evaluator needs a non-blank name, got '" + name + "'");
        }
        return name;
    }
}
