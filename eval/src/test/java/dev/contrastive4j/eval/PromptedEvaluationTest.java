package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.prompts.ModelPrompts;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Evaluation with prompts: each column's texts reach the model with that column's prompt (anchors and queries the
 * anchor's, positives, negatives and documents the positive's, sentence1 and sentence2 their own), and nothing else
 * changes: a model that strips the prompts it expects scores exactly what the bare texts score.
 */
class PromptedEvaluationTest {

    private static final List<Triplet> TRIPLETS = List.of(
            new Triplet("cat", "feline", List.of("dog", "car")),
            new Triplet("dog", "canine", List.of("cat", "tree")),
            new Triplet("oak", "tree", List.of("rose", "canine")),
            new Triplet("rose", "flower", List.of("oak", "feline")),
            new Triplet("car", "vehicle", List.of("bike", "flower")),
            new Triplet("bike", "bicycle", List.of("car", "vehicle")));

    /** A fixed pseudo-random vector per bare text. */
    private static float[] vector(String text) {
        Random random = new Random(text.hashCode());
        float[] v = new float[8];
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    private static final TextEmbedder BARE = texts -> texts.stream().map(PromptedEvaluationTest::vector)
            .toArray(float[][]::new);

    /** Records what it is given; strips one of the expected prompts, and fails on a text that has none. */
    private static final class Stripping implements TextEmbedder {
        final List<String> seen = new ArrayList<>();
        final List<String> prompts;

        Stripping(String... prompts) {
            this.prompts = List.of(prompts);
        }

        @Override
        public float[][] embed(List<String> texts) {
            seen.addAll(texts);
            return texts.stream().map(text -> vector(prompts.stream().filter(text::startsWith).findFirst()
                    .map(p -> text.substring(p.length()))
                    .orElseThrow(() -> new AssertionError("no prompt on '" + text + "'")))).toArray(float[][]::new);
        }

        Set<String> bareTextsWith(String prompt) {
            Set<String> bare = new HashSet<>();
            seen.stream().filter(t -> t.startsWith(prompt)).forEach(t -> bare.add(t.substring(prompt.length())));
            return bare;
        }
    }

    private static ColumnPrompts prompts(String spec) {
        return Prompts.parse(spec, "--prompts").resolve(ModelPrompts.NONE, true, "--prompts");
    }

    private static Map<String, Double> metrics(List<EvaluationResult> results) {
        Map<String, Double> all = new java.util.LinkedHashMap<>();
        results.forEach(r -> r.metrics().forEach((k, v) -> all.put(r.evaluator() + "/" + k, v)));
        return all;
    }

    @Test
    void tripletAndRetrievalEvaluatorsPromptQueriesAsAnchorsAndDocumentsAsPositives() {
        EvaluationSuite suite = EvaluationSuite.forExamples(TRIPLETS, "triplets");
        Stripping model = new Stripping("Q: ", "D: ");

        Map<String, Double> prompted = metrics(suite.withPrompts(prompts("anchor=Q: ,positive=D: ")).evaluate(model));

        assertThat(prompted).isEqualTo(metrics(suite.evaluate(BARE)));
        assertThat(model.bareTextsWith("Q: ")).containsExactlyInAnyOrder("cat", "dog", "oak", "rose", "car", "bike");
        Set<String> documents = new HashSet<>();
        TRIPLETS.forEach(t -> {
            documents.add(t.positive());
            documents.addAll(t.negatives());
        });
        assertThat(model.bareTextsWith("D: ")).isEqualTo(documents);
    }

    @Test
    void withoutTheirPromptsTheSameTextsDoNotReachTheModel() {
        // The negative control of the test above: the stripping model refuses unprompted texts.
        EvaluationSuite suite = EvaluationSuite.forExamples(TRIPLETS, "triplets");
        assertThatThrownBy(() -> suite.evaluate(new Stripping("Q: ", "D: "))).isInstanceOf(AssertionError.class);
        assertThat(suite.withPrompts(ColumnPrompts.NONE)).isSameAs(suite);
    }

    @Test
    void similarityPromptsEachSentenceByItsColumn() {
        List<ScoredPair> pairs = List.of(new ScoredPair("cat", "feline", 0.9), new ScoredPair("cat", "car", 0.1),
                new ScoredPair("oak", "tree", 0.8), new ScoredPair("rose", "bike", 0.0));
        EvaluationSuite suite = EvaluationSuite.forExamples(pairs, "pairs");
        Stripping model = new Stripping("A: ", "B: ");

        Map<String, Double> prompted = metrics(suite.withPrompts(prompts("sentence1=A: ,sentence2=B: "))
                .evaluate(model));

        assertThat(prompted).isEqualTo(metrics(suite.evaluate(BARE)));
        assertThat(model.bareTextsWith("A: ")).containsExactlyInAnyOrder("cat", "oak", "rose");
        assertThat(model.bareTextsWith("B: ")).containsExactlyInAnyOrder("feline", "car", "tree", "bike");
    }

    @Test
    void renamedAndCombinedEvaluatorsApplyPromptsToo() {
        EvaluationSuite suite = EvaluationSuite.forExamples(TRIPLETS, "triplets");
        ColumnPrompts prompts = prompts("anchor=Q: ,positive=D: ");
        Evaluator combined = suite.withNamePrefix("dev-").asOneEvaluator("eval").withPrompts(prompts);
        Stripping model = new Stripping("Q: ", "D: ");
        assertThat(combined.evaluate(model).metrics())
                .isEqualTo(suite.withNamePrefix("dev-").asOneEvaluator("eval").evaluate(BARE).metrics());
    }

    @Test
    void anEvaluatorThatCannotTellColumnsApartRefusesPrompts() {
        Evaluator opaque = new Evaluator() {
            @Override
            public String name() {
                return "opaque";
            }

            @Override
            public EvaluationResult evaluate(TextEmbedder embedder) {
                throw new UnsupportedOperationException();
            }
        };
        assertThat(opaque.withPrompts(ColumnPrompts.NONE)).isSameAs(opaque);
        assertThatThrownBy(() -> opaque.withPrompts(prompts("q: "))).isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("evaluator 'opaque'").hasMessageContaining("cannot apply prompts");
    }
}
