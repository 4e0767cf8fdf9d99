package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.TextEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A large synthetic retrieval task: Gaussian random vectors for a corpus and for queries, each query with
 * one relevant document. Texts are {@code "d<i>"} and {@code "q<i>"}; the embedder looks the vector up by
 * index and returns the pre-built row itself (no copy), so allocation measured during an evaluation is the
 * evaluator's own.
 */
final class RandomRetrievalFixture implements TextEmbedder {

    final float[][] corpusVectors;
    final float[][] queryVectors;
    final RetrievalDataset dataset;

    RandomRetrievalFixture(int corpusSize, int queryCount, int dimension, long seed) {
        Random random = new Random(seed);
        corpusVectors = gaussian(random, corpusSize, dimension);
        queryVectors = gaussian(random, queryCount, dimension);
        List<CorpusDocument> corpus = new ArrayList<>(corpusSize);
        for (int i = 0; i < corpusSize; i++) {
            corpus.add(new CorpusDocument("d" + i, "d" + i));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (int q = 0; q < queryCount; q++) {
            queries.put("q" + q, "q" + q);
            relevant.put("q" + q, Set.of("d" + random.nextInt(corpusSize)));
        }
        dataset = new RetrievalDataset(queries, corpus, relevant);
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] rows = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int index = Integer.parseInt(text.substring(1));
            rows[i] = text.charAt(0) == 'd' ? corpusVectors[index] : queryVectors[index];
        }
        return rows;
    }

    private static float[][] gaussian(Random random, int rows, int dimension) {
        float[][] vectors = new float[rows][dimension];
        for (float[] vector : vectors) {
            for (int j = 0; j < dimension; j++) {
                vector[j] = (float) random.nextGaussian();
            }
        }
        return vectors;
    }
}
