package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.eval.BeirReader;
import dev.contrastive4j.eval.CorpusDocument;
import dev.contrastive4j.eval.RetrievalDataset;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Triplet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default of {@code c4j evaluate}: the bundled WordNet test split, as triplets and in the BEIR layout. */
class EvaluateBundledSplitTest {

    @Test
    void withoutDataTheBundledTestSplitIsEvaluated(@TempDir Path model) {
        try (SentenceEncoder encoder = TinyBert.create(1)) {
            encoder.save(model);
        }

        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--batch-size", "256");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(BundledData.wordnetTest().toString(),
                BundledData.wordnetTestRetrieval().toString(), "Evaluator: triplet", "Evaluator: ir");
    }

    /**
     * The retrieval numbers of the BEIR files equal those of {@link RetrievalDataset#fromTriplets} on the
     * triplets only if both describe one collection: the same query texts, the same documents in the same
     * order (ties rank by corpus order), the same judgements. Ids differ (synset ids against q0, d0, …), so
     * everything is compared by text.
     */
    @Test
    void theBeirFilesDescribeTheSameCollectionAsTheTestTriplets() {
        Path beir = BundledData.wordnetTestRetrieval();
        RetrievalDataset fromFiles = BeirReader.read(beir.resolve("corpus.jsonl.gz"),
                beir.resolve("queries.jsonl.gz"), beir.resolve("qrels.tsv"));
        List<Example> examples = Datasets.readAll(BundledData.wordnetTest(), ReadOptions.defaults());
        RetrievalDataset fromTriplets = RetrievalDataset.fromTriplets(
                examples.stream().map(Triplet.class::cast).toList());

        assertThat(fromFiles.queries().values()).containsExactlyElementsOf(fromTriplets.queries().values());
        assertThat(fromFiles.corpus()).extracting(CorpusDocument::searchText)
                .containsExactlyElementsOf(fromTriplets.corpus().stream().map(CorpusDocument::searchText).toList());
        assertThat(judgementsByText(fromFiles)).isEqualTo(judgementsByText(fromTriplets));
        assertThat(fromFiles.queries()).hasSize(2109);
        assertThat(fromFiles.corpus()).hasSize(3267);
    }

    private static Map<String, Set<String>> judgementsByText(RetrievalDataset data) {
        Map<String, String> documents = new HashMap<>();
        data.corpus().forEach(document -> documents.put(document.id(), document.searchText()));
        Map<String, Set<String>> byText = new LinkedHashMap<>();
        data.queries().forEach((id, text) -> byText.put(text,
                data.relevantTo(id).stream().map(documents::get).collect(Collectors.toSet())));
        return byText;
    }
}
