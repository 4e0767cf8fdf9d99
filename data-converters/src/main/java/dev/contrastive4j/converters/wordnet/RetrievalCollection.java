package dev.contrastive4j.converters.wordnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Triplets recast for information-retrieval evaluation (the BEIR layout): every distinct positive and
 * negative is a corpus document, every distinct anchor a query, and each query's one relevant document is
 * its positive. Ids name the WordNet synsets: a document's id is the synset its text first came from
 * (e.g. {@code n03123456}), a query's id is its sense plus its number among that sense's anchors
 * ({@code n03123456-1}).
 *
 * @param corpus the documents, in order of first appearance in the triplets
 * @param queries the queries, in triplet order
 * @param judgements one judgement per query: its positive, score 1
 */
public record RetrievalCollection(List<Text> corpus, List<Text> queries, List<Judgement> judgements) {

    /** A document or a query. */
    public record Text(String id, String text) {}

    /** A query's relevant document. */
    public record Judgement(String queryId, String corpusId, int score) {}

    public RetrievalCollection {
        corpus = List.copyOf(corpus);
        queries = List.copyOf(queries);
        judgements = List.copyOf(judgements);
    }

    public static RetrievalCollection of(List<WordNetTriplet> triplets) {
        Map<String, String> documentIds = new LinkedHashMap<>();
        Map<String, String> queryIds = new LinkedHashMap<>();
        Map<SynsetId, Integer> anchorsPerSense = new HashMap<>();
        List<Judgement> judgements = new ArrayList<>();
        for (WordNetTriplet triplet : triplets) {
            String positiveId = documentIds.computeIfAbsent(triplet.positive(), text -> triplet.sense().toString());
            documentIds.computeIfAbsent(triplet.negative(), text -> triplet.negativeSense().toString());
            if (!queryIds.containsKey(triplet.anchor())) {
                int number = anchorsPerSense.merge(triplet.sense(), 1, Integer::sum);
                String queryId = triplet.sense() + "-" + number;
                queryIds.put(triplet.anchor(), queryId);
                judgements.add(new Judgement(queryId, positiveId, 1));
            }
        }
        return new RetrievalCollection(texts(documentIds), texts(queryIds), judgements);
    }

    private static List<Text> texts(Map<String, String> idsByText) {
        List<Text> texts = new ArrayList<>(idsByText.size());
        idsByText.forEach((text, id) -> texts.add(new Text(id, text)));
        return texts;
    }
}
