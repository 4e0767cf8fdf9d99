package dev.contrastive4j.mining;

import dev.contrastive4j.data.ExampleReader;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mining run reads: the (anchor, positive) rows to mine negatives for and, optionally, a separate corpus
 * of candidate documents. Texts are held in memory; embeddings are not (see {@link HardNegativeMiner}).
 *
 * @param rows the input's (anchor, positive) rows, in file order; a triplet's own negatives are not kept (the
 *     mined ones replace them)
 * @param corpus the separate corpus's documents, or empty to mine from the input's positives alone; the input's
 *     positives are candidates either way, as in sentence-transformers
 * @param source what the rows were read from, for messages
 */
public record MiningData(List<Pair> rows, Optional<List<String>> corpus, String source) {

    public MiningData {
        rows = List.copyOf(rows);
        corpus = corpus.map(List::copyOf);
        Objects.requireNonNull(source, "source");
        if (rows.isEmpty()) {
            throw new ContrastiveException(source + " holds no (anchor, positive) rows to mine negatives for");
        }
        if (corpus.isPresent() && corpus.get().isEmpty()) {
            throw new ContrastiveException("the corpus is empty: give a file with at least one document, or leave"
                    + " the corpus out to mine from the positives of " + source);
        }
    }

    /**
     * Reads the input and, if named, the corpus file. The input must hold pairs or triplets (their anchor and
     * positive columns are used). Every text of the corpus file that is not an anchor is a document: a pair's
     * positive, a triplet's positive and negatives, both sentences of a scored pair.
     *
     * @param corpusFile the corpus, or {@code null}
     * @throws ContrastiveException naming the file if it is missing, empty, malformed or of the wrong format
     */
    public static MiningData read(Path input, Path corpusFile, ReadOptions options) {
        List<Pair> rows = new ArrayList<>();
        try (ExampleReader reader = ExampleReader.open(input, options)) {
            if (reader.format() == DataFormat.SCORED_PAIR) {
                throw new ContrastiveException(input + ": mining needs pairs or triplets (columns anchor and positive),"
                        + " found scored pairs (columns " + reader.mapping().spec() + ")");
            }
            while (reader.hasNext()) {
                Example example = reader.next();
                rows.add(example instanceof Triplet t ? new Pair(t.anchor(), t.positive()) : (Pair) example);
            }
        }
        Optional<List<String>> corpus = Optional.empty();
        if (corpusFile != null) {
            List<String> documents = new ArrayList<>();
            try (ExampleReader reader = ExampleReader.open(corpusFile, ReadOptions.defaults())) {
                while (reader.hasNext()) {
                    documents.addAll(documentsOf(reader.next()));
                }
            }
            if (documents.isEmpty()) {
                throw new ContrastiveException("the corpus " + corpusFile + " holds no documents");
            }
            corpus = Optional.of(documents);
        }
        return new MiningData(rows, corpus, input.toString());
    }

    private static List<String> documentsOf(Example example) {
        if (example instanceof Pair pair) {
            return List.of(pair.positive());
        }
        if (example instanceof Triplet triplet) {
            return triplet.texts().subList(1, triplet.texts().size());
        }
        ScoredPair scored = (ScoredPair) example;
        return List.of(scored.sentence1(), scored.sentence2());
    }
}
