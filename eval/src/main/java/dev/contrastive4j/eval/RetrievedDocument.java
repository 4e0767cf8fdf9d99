package dev.contrastive4j.eval;

/**
 * One retrieved document: its corpus id and its score for the query (cosine or dot product).
 *
 * @param corpusId the document's id
 * @param score the query–document score; larger is better
 */
public record RetrievedDocument(String corpusId, double score) {
}
