package dev.contrastive4j.compare;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.eval.EvaluationSuite;
import dev.contrastive4j.spi.Example;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The held-out data every configuration of a comparison is measured on: a data file, and for the bundled
 * split also its retrieval form in the BEIR layout (the same collection; see {@link EvaluationSuite#forTestSplit}).
 *
 * @param file triplets, pairs or scored pairs (the format picks the evaluators, see {@link EvaluationSuite})
 * @param retrievalFolder the same test set as BEIR files, if any
 */
public record TestSet(Path file, Optional<Path> retrievalFolder) {

    /** The bundled WordNet test split, as {@code c4j evaluate} measures it. */
    public static TestSet bundled() {
        return new TestSet(BundledData.wordnetTest(), Optional.of(BundledData.wordnetTestRetrieval()));
    }

    /** A user's data file. */
    public static TestSet of(Path file) {
        return new TestSet(file, Optional.empty());
    }

    /** Every evaluator of the whole test set. */
    EvaluationSuite suite() {
        return retrievalFolder.map(folder -> EvaluationSuite.forTestSplit(file, folder))
                .orElseGet(() -> EvaluationSuite.forFile(file, ReadOptions.defaults()));
    }

    /** The evaluators of a seeded subset of {@code size} examples (all when the file holds no more). */
    EvaluationSuite subsetSuite(int size, long seed) {
        List<Example> subset = Datasets.seededSubset(examples(), OptionalInt.of(size), seed);
        return EvaluationSuite.forExamples(subset, file + " (" + subset.size() + " examples, seed " + seed + ")");
    }

    /** Every example of the file. */
    List<Example> examples() {
        return Datasets.readAll(file, ReadOptions.defaults());
    }
}
