package dev.contrastive4j.eval;

/**
 * Exact top-k search of a corpus that arrives chunk by chunk, without ever holding the full
 * query × corpus score matrix.
 *
 * <p>For each corpus chunk and each chunk of at most {@code queryChunkSize} queries, the scores of that
 * query chunk against that corpus chunk are written into one reusable block of
 * {@code queryChunkSize × chunk length} doubles, then offered to each query's {@link BoundedTopK}. Memory is
 * therefore the queries' embeddings, one corpus chunk, one score block and k candidates per query,
 * whatever the corpus size.
 *
 * <p>Scores are computed in double precision: cosine as {@code (q · d) / (max(|q|, ε) · max(|d|, ε))},
 * dot as {@code q · d}. Equal scores rank by corpus index, lower first, so results are deterministic.
 */
final class TopKSearch {

    /** Told of every score block the search allocates, so tests can check the memory bound. */
    @FunctionalInterface
    interface ScoreBlockObserver {

        /** A block of {@code rows × columns} doubles was allocated. */
        void allocated(int rows, int columns);

        /** An observer that ignores every allocation. */
        ScoreBlockObserver NONE = (rows, columns) -> { };
    }

    private final float[][] queries;
    private final double[] queryScales;
    private final ScoreFunction scoreFunction;
    private final int queryChunkSize;
    private final ScoreBlockObserver observer;
    private final BoundedTopK[] best;
    private double[] block = new double[0];

    /**
     * @param queries the query embeddings, one row each
     * @param scoreFunction cosine or dot
     * @param k how many documents to keep per query
     * @param queryChunkSize queries scored together against one corpus chunk
     * @param observer told of every score block allocated
     */
    TopKSearch(float[][] queries, ScoreFunction scoreFunction, int k, int queryChunkSize, ScoreBlockObserver observer) {
        if (queryChunkSize < 1) {
            throw new IllegalArgumentException("query chunk size must be >= 1, got " + queryChunkSize);
        }
        this.queries = queries;
        this.scoreFunction = scoreFunction;
        this.queryChunkSize = queryChunkSize;
        this.observer = observer;
        this.queryScales = scales(queries, scoreFunction);
        this.best = new BoundedTopK[queries.length];
        for (int q = 0; q < queries.length; q++) {
            best[q] = new BoundedTopK(k);
        }
    }

    /**
     * Scores one corpus chunk against every query.
     *
     * @param documents the chunk's embeddings
     * @param firstIndex the corpus index of {@code documents[0]}; chunks must not overlap
     */
    void add(float[][] documents, int firstIndex) {
        double[] documentScales = scales(documents, scoreFunction);
        int columns = documents.length;
        for (int queryStart = 0; queryStart < queries.length; queryStart += queryChunkSize) {
            int rows = Math.min(queryChunkSize, queries.length - queryStart);
            double[] scores = block(rows, columns);
            for (int r = 0; r < rows; r++) {
                float[] query = queries[queryStart + r];
                double queryScale = queryScales[queryStart + r];
                int offset = r * columns;
                for (int d = 0; d < columns; d++) {
                    scores[offset + d] = Similarity.dot(query, documents[d]) * queryScale * documentScales[d];
                }
            }
            for (int r = 0; r < rows; r++) {
                BoundedTopK candidates = best[queryStart + r];
                int offset = r * columns;
                for (int d = 0; d < columns; d++) {
                    candidates.offer(scores[offset + d], firstIndex + d);
                }
            }
        }
    }

    /** Query {@code q}'s best corpus indices so far, best first. */
    int[] indices(int q) {
        return best[q].indicesBestFirst();
    }

    /** Query {@code q}'s best scores so far, best first (aligned with {@link #indices(int)}). */
    double[] scores(int q) {
        return best[q].scoresBestFirst();
    }

    /** The reusable score block, grown (and reported) only when a larger one is needed. */
    private double[] block(int rows, int columns) {
        int cells = Math.multiplyExact(rows, columns);
        if (block.length < cells) {
            observer.allocated(rows, columns);
            block = new double[cells];
        }
        return block;
    }

    /** The factor each row's dot products are multiplied by: 1 / norm for cosine, 1 for dot. */
    private static double[] scales(float[][] rows, ScoreFunction scoreFunction) {
        double[] scales = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scales[i] = scoreFunction == ScoreFunction.COSINE
                    ? 1.0 / Math.max(Similarity.norm(rows[i]), Similarity.MIN_NORM)
                    : 1.0;
        }
        return scales;
    }
}
