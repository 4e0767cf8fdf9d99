package dev.contrastive4j.eval;

/** How the retrieval evaluator scores a query against a document; larger is better. */
public enum ScoreFunction {
    /** Cosine similarity (the default): the dot product of the unit-length embeddings. */
    COSINE,
    /** The raw dot product, for models trained for it (equal to cosine when embeddings are normalised). */
    DOT
}
