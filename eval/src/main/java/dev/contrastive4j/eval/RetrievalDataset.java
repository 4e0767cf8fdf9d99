package dev.contrastive4j.eval;

import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.Triplet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queries, a corpus, and which documents are relevant to which query: what the retrieval evaluator needs.
 *
 * <p>Order matters and is kept: queries are evaluated in map order, and among documents with equal scores
 * the one earlier in {@code corpus} ranks higher. A relevance judgement may name a document that is not in
 * the corpus: it can never be retrieved but still counts as relevant (as in sentence-transformers), so it
 * lowers recall.
 *
 * @param queries query id to query text, in evaluation order
 * @param corpus the documents, with unique ids, in corpus order
 * @param relevantDocuments query id to the ids of its relevant documents; a query absent here has none
 */
public record RetrievalDataset(Map<String, String> queries, List<CorpusDocument> corpus,
        Map<String, Set<String>> relevantDocuments) {

    public RetrievalDataset {
        queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
        corpus = List.copyOf(corpus);
        Set<String> ids = new HashSet<>();
        for (CorpusDocument document : corpus) {
            if (!ids.add(document.id())) {
                throw new IllegalArgumentException("corpus id '" + document.id() + "' appears more than once");
            }
        }
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        relevantDocuments.forEach((query, documents) ->
                relevant.put(query, Collections.unmodifiableSet(new LinkedHashSet<>(documents))));
        relevantDocuments = Collections.unmodifiableMap(relevant);
    }

    /** The relevant documents of one query (empty when it has none). */
    public Set<String> relevantTo(String queryId) {
        return relevantDocuments.getOrDefault(queryId, Set.of());
    }

    /**
     * Turns triplets into a retrieval task: each distinct anchor is a query, each distinct positive or
     * negative text is a corpus document, and a query's relevant documents are the positives of every row
     * with that anchor.
     *
     * <p>Ids are {@code q0, q1, …} and {@code d0, d1, …} in order of first appearance (anchor, positive,
     * negatives, row by row). A text that is one anchor's positive and another's negative is one document,
     * relevant to the first only. Should a text be both positive and negative for the same anchor (in
     * different rows), it is relevant: the positive judgement wins.
     */
    public static RetrievalDataset fromTriplets(List<Triplet> triplets) {
        Map<String, String> queryIds = new LinkedHashMap<>();
        Map<String, String> documentIds = new LinkedHashMap<>();
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (Triplet triplet : triplets) {
            String queryId = queryIds.computeIfAbsent(triplet.anchor(), text -> "q" + queryIds.size());
            String positiveId = documentIds.computeIfAbsent(triplet.positive(), text -> "d" + documentIds.size());
            for (String negative : triplet.negatives()) {
                documentIds.computeIfAbsent(negative, text -> "d" + documentIds.size());
            }
            relevant.computeIfAbsent(queryId, id -> new LinkedHashSet<>()).add(positiveId);
        }
        return fromIds(queryIds, documentIds, relevant);
    }

    /**
     * Turns (anchor, positive) pairs into a retrieval task: each distinct anchor is a query, each distinct
     * positive is a corpus document, and a query's relevant documents are the positives of every row with
     * that anchor. The other anchors' positives are the documents to rank below them, so this measures
     * what in-batch-negative training optimises.
     *
     * <p>Ids are {@code q0, q1, …} and {@code d0, d1, …} in order of first appearance, as in
     * {@link #fromTriplets}; a text that is the positive of several anchors is one document, relevant to each.
     */
    public static RetrievalDataset fromPairs(List<Pair> pairs) {
        Map<String, String> queryIds = new LinkedHashMap<>();
        Map<String, String> documentIds = new LinkedHashMap<>();
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            String queryId = queryIds.computeIfAbsent(pair.anchor(), text -> "q" + queryIds.size());
            String positiveId = documentIds.computeIfAbsent(pair.positive(), text -> "d" + documentIds.size());
            relevant.computeIfAbsent(queryId, id -> new LinkedHashSet<>()).add(positiveId);
        }
        return fromIds(queryIds, documentIds, relevant);
    }

    /** A data set from text → id maps (in first-appearance order) and judgements by id. */
    private static RetrievalDataset fromIds(Map<String, String> queryIds, Map<String, String> documentIds,
            Map<String, Set<String>> relevant) {
        Map<String, String> queries = new LinkedHashMap<>();
        queryIds.forEach((text, id) -> queries.put(id, text));
        List<CorpusDocument> corpus = documentIds.entrySet().stream()
                .map(entry -> new CorpusDocument(entry.getValue(), entry.getKey()))
                .toList();
        return new RetrievalDataset(queries, corpus, relevant);
    }
}
