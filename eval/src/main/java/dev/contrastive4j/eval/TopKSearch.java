package dev.contrastive4j.eval;

import java.util.Arrays;

/**
 * Exact top-k search of a corpus that arrives chunk by chunk, without ever holding the full
 * query × corpus score matrix.
 *
 * <p>For each corpus chunk and each chunk of at most {@code queryChunkSize} queries, the scores of that
 * query chunk against that corpus chunk are written into one reusable block of
 * {@code queryChunkSize × chunk length} doubles, then offered to each query's {@link BoundedTopK}. Memory is
 * therefore the queries' embeddings, one corpus chunk, one score block, a document tile of about 128 KB
 * (see {@link #fillScores}) and k candidates per query, whatever the corpus size.
 *
 * <p>Scores are computed in double precision: cosine as {@code (q · d) / (max(|q|, ε) · max(|d|, ε))},
 * dot as {@code q · d}. Equal scores rank by corpus index, lower first, so results are deterministic.
 *
 * <p>Public so that hard-negative mining ({@code dev.contrastive4j.mining}) searches with the same code as the
 * retrieval evaluator.
 */
public final class TopKSearch {

    /** Target size of the dimension-major document tile in {@link #fillScores}: fits a typical L2 cache. */
    private static final int TILE_BYTES = 128 * 1024;
    /** Queries multiplied against the tile in one pass (the accumulators are unrolled for four). */
    private static final int QUERIES_PER_PASS = 4;

    /** Told of every score block the search allocates, so tests can check the memory bound. */
    @FunctionalInterface
    public interface ScoreBlockObserver {

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
    private double[][] tile = new double[0][0];
    private double[][] accumulators;

    /**
     * @param queries the query embeddings, one row each
     * @param scoreFunction cosine or dot
     * @param k how many documents to keep per query
     * @param queryChunkSize queries scored together against one corpus chunk
     * @param observer told of every score block allocated
     */
    public TopKSearch(float[][] queries, ScoreFunction scoreFunction, int k, int queryChunkSize, ScoreBlockObserver observer) {
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
    public void add(float[][] documents, int firstIndex) {
        double[] documentScales = scales(documents, scoreFunction);
        int columns = documents.length;
        for (int queryStart = 0; queryStart < queries.length; queryStart += queryChunkSize) {
            int rows = Math.min(queryChunkSize, queries.length - queryStart);
            double[] scores = block(rows, columns);
            fillScores(scores, queryStart, rows, documents, documentScales);
            for (int r = 0; r < rows; r++) {
                BoundedTopK candidates = best[queryStart + r];
                int offset = r * columns;
                for (int d = 0; d < columns; d++) {
                    candidates.offer(scores[offset + d], firstIndex + d);
                }
            }
        }
    }

    /**
     * Writes {@code rows} queries' scores against every document into {@code scores} (row-major).
     *
     * <p>The documents are copied, a few hundred at a time, into a dimension-major tile (one array per
     * dimension), so that the inner loop is {@code acc[j] += q[k] * tile[k][j]} over consecutive documents:
     * a multiply-add over arrays at one index, which the JIT turns into SIMD instructions (the dot-product
     * form, a sum over k, is a reduction it does not vectorise). Four queries share each pass over the tile,
     * so the tile is read from cache a quarter as often. Each product of two floats is exact in double, so
     * only the order of additions differs from a plain dot product.
     */
    private void fillScores(double[] scores, int queryStart, int rows, float[][] documents, double[] documentScales) {
        int columns = documents.length;
        int dimension = queries[queryStart].length;
        // 256 documents at dimension 64, 42 at dimension 384: tile rows stay long enough for SIMD
        int tileWidth = Math.max(16, TILE_BYTES / (Double.BYTES * dimension));
        if (tile.length != dimension || tile[0].length != tileWidth) {
            tile = new double[dimension][tileWidth];
            accumulators = new double[QUERIES_PER_PASS][tileWidth];
        }
        for (int tileStart = 0; tileStart < columns; tileStart += tileWidth) {
            int width = Math.min(tileWidth, columns - tileStart);
            for (int j = 0; j < width; j++) {
                float[] document = documents[tileStart + j];
                for (int k = 0; k < dimension; k++) {
                    tile[k][j] = document[k];
                }
            }
            for (int r = 0; r < rows; r += QUERIES_PER_PASS) {
                int group = Math.min(QUERIES_PER_PASS, rows - r);
                multiplyTile(queryStart + r, group, dimension, width);
                for (int g = 0; g < group; g++) {
                    double[] accumulator = accumulators[g];
                    double queryScale = queryScales[queryStart + r + g];
                    int offset = (r + g) * columns + tileStart;
                    for (int j = 0; j < width; j++) {
                        scores[offset + j] = accumulator[j] * queryScale * documentScales[tileStart + j];
                    }
                }
            }
        }
    }

    /** accumulators[g][j] = query (first + g) · tile column j, for g below {@code group}. */
    private void multiplyTile(int first, int group, int dimension, int width) {
        double[] a0 = accumulators[0];
        double[] a1 = accumulators[1];
        double[] a2 = accumulators[2];
        double[] a3 = accumulators[3];
        for (double[] accumulator : accumulators) {
            Arrays.fill(accumulator, 0, width, 0.0);
        }
        // a missing query of a short last group multiplies by 0 into an accumulator nobody reads
        float[] q0 = queries[first];
        float[] q1 = group > 1 ? queries[first + 1] : q0;
        float[] q2 = group > 2 ? queries[first + 2] : q0;
        float[] q3 = group > 3 ? queries[first + 3] : q0;
        for (int k = 0; k < dimension; k++) {
            double[] row = tile[k];
            double w0 = q0[k];
            double w1 = q1[k];
            double w2 = q2[k];
            double w3 = q3[k];
            for (int j = 0; j < width; j++) {
                double t = row[j];
                a0[j] += w0 * t;
                a1[j] += w1 * t;
                a2[j] += w2 * t;
                a3[j] += w3 * t;
            }
        }
    }

    /** Query {@code q}'s best corpus indices so far, best first. */
    public int[] indices(int q) {
        return best[q].indicesBestFirst();
    }

    /** Query {@code q}'s best scores so far, best first (aligned with {@link #indices(int)}). */
    public double[] scores(int q) {
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
