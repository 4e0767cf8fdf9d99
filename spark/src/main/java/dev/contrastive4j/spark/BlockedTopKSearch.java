package dev.contrastive4j.spark;

import dev.contrastive4j.eval.BoundedTopK;
import dev.contrastive4j.eval.ScoreFunction;
import dev.contrastive4j.eval.TopKSearch;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Exact top-k search of a corpus that no machine holds whole: the corpus embeddings are cut into blocks of
 * {@code blockSize} consecutive corpus indices, the queries into chunks of {@code queryChunkSize}; every
 * (query chunk × corpus block) pair is one unit of work, searched with eval's {@link TopKSearch}, and each query's
 * partial lists are merged with eval's {@link BoundedTopK}. Scores are computed as the single-JVM search computes
 * them (the same code, each query–document score independent of the blocks), and "better" is the same total order
 * (higher score, then lower corpus index), so the merged lists equal the single-JVM search's.
 *
 * <p>Memory per task: one query chunk, one corpus block, its score block. The corpus is never collected to the
 * driver nor broadcast; each block is read once per query chunk.
 */
final class BlockedTopKSearch implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One query to search for.
     *
     * @param index the query's key in the result
     * @param embedding its embedding
     * @param depth how many documents to keep for it
     */
    record Query(int index, float[] embedding, int depth) implements Serializable {
    }

    /**
     * A query's best documents, best first.
     *
     * @param depth how many it keeps at most
     * @param indices corpus indices
     * @param scores their scores, aligned with {@code indices}
     */
    record Candidates(int depth, int[] indices, double[] scores) implements Serializable {

        /** The best {@code depth} of both lists. */
        Candidates merge(Candidates other) {
            BoundedTopK best = new BoundedTopK(depth);
            for (int i = 0; i < indices.length; i++) {
                best.offer(scores[i], indices[i]);
            }
            for (int i = 0; i < other.indices.length; i++) {
                best.offer(other.scores[i], other.indices[i]);
            }
            return new Candidates(depth, best.indicesBestFirst(), best.scoresBestFirst());
        }
    }

    /** Queries searched together against one block. */
    private record QueryChunk(int[] indices, float[][] embeddings, int[] depths) implements Serializable {
    }

    /** Consecutive corpus documents, from {@code firstIndex} on. */
    private record CorpusBlock(int firstIndex, float[][] embeddings) implements Serializable {
    }

    private final ScoreFunction scoreFunction;
    private final int blockSize;
    private final int queryChunkSize;

    BlockedTopKSearch(ScoreFunction scoreFunction, int blockSize, int queryChunkSize) {
        if (blockSize < 1 || queryChunkSize < 1) {
            throw new IllegalArgumentException("block and query chunk sizes must be >= 1, got " + blockSize + " and "
                    + queryChunkSize);
        }
        this.scoreFunction = scoreFunction;
        this.blockSize = blockSize;
        this.queryChunkSize = queryChunkSize;
    }

    /**
     * Each query's best documents.
     *
     * @param queries the queries; should be persisted, as each chunk is read once per corpus block
     * @param corpus every corpus index from 0 to n-1 with its embedding; should be persisted likewise
     * @return by query index, at most {@code depth} documents each
     */
    JavaPairRDD<Integer, Candidates> search(JavaRDD<Query> queries, JavaPairRDD<Integer, float[]> corpus) {
        int size = blockSize;
        JavaRDD<CorpusBlock> blocks = corpus
                .mapToPair(document -> new Tuple2<>(document._1() / size, document))
                .groupByKey()
                .map(block -> toBlock(block._2()));
        int chunkSize = queryChunkSize;
        JavaRDD<QueryChunk> chunks = queries.mapPartitions(partition -> toChunks(partition, chunkSize));
        ScoreFunction function = scoreFunction;
        return chunks.cartesian(blocks)
                .flatMapToPair(pair -> searchBlock(pair._1(), pair._2(), function, chunkSize))
                .reduceByKey(Candidates::merge);
    }

    private static CorpusBlock toBlock(Iterable<Tuple2<Integer, float[]>> documents) {
        List<Tuple2<Integer, float[]>> sorted = new ArrayList<>();
        documents.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(Tuple2::_1));
        int first = sorted.get(0)._1();
        float[][] embeddings = new float[sorted.size()][];
        for (int i = 0; i < embeddings.length; i++) {
            if (sorted.get(i)._1() != first + i) {
                throw new IllegalStateException("corpus indices must run from 0 without gaps; block from " + first
                        + " has " + sorted.get(i)._1() + " at position " + i);
            }
            embeddings[i] = sorted.get(i)._2();
        }
        return new CorpusBlock(first, embeddings);
    }

    private static Iterator<QueryChunk> toChunks(Iterator<Query> partition, int chunkSize) {
        List<QueryChunk> chunks = new ArrayList<>();
        List<Query> current = new ArrayList<>(chunkSize);
        while (partition.hasNext()) {
            current.add(partition.next());
            if (current.size() == chunkSize || !partition.hasNext()) {
                int[] indices = new int[current.size()];
                float[][] embeddings = new float[current.size()][];
                int[] depths = new int[current.size()];
                for (int i = 0; i < indices.length; i++) {
                    indices[i] = current.get(i).index();
                    embeddings[i] = current.get(i).embedding();
                    depths[i] = current.get(i).depth();
                }
                chunks.add(new QueryChunk(indices, embeddings, depths));
                current = new ArrayList<>(chunkSize);
            }
        }
        return chunks.iterator();
    }

    private static Iterator<Tuple2<Integer, Candidates>> searchBlock(QueryChunk chunk, CorpusBlock block,
            ScoreFunction function, int chunkSize) {
        int deepest = 0;
        for (int depth : chunk.depths()) {
            deepest = Math.max(deepest, depth);
        }
        TopKSearch search = new TopKSearch(chunk.embeddings(), function, deepest, chunkSize,
                TopKSearch.ScoreBlockObserver.NONE);
        search.add(block.embeddings(), block.firstIndex());
        List<Tuple2<Integer, Candidates>> results = new ArrayList<>(chunk.indices().length);
        for (int q = 0; q < chunk.indices().length; q++) {
            int depth = chunk.depths()[q];
            int[] indices = search.indices(q);
            double[] scores = search.scores(q);
            int kept = Math.min(depth, indices.length);
            // the best `depth` of a deeper best-first list are its first `depth`
            results.add(new Tuple2<>(chunk.indices()[q], new Candidates(depth,
                    java.util.Arrays.copyOf(indices, kept), java.util.Arrays.copyOf(scores, kept))));
        }
        return results.iterator();
    }
}
