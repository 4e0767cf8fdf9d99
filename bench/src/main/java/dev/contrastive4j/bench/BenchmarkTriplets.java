package dev.contrastive4j.bench;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The triplets a training benchmark trains on, with their token counts.
 *
 * <p>A seeded sample of real rows in which no text occurs twice: the trainer's no-duplicates batch sampler
 * then forms exactly {@code rows / batch size} full batches, and every loss of one benchmark sees the same
 * batches. Real sentences are often far shorter than the model's limit (WordNet's are about a dozen tokens);
 * {@linkplain #sample lengthened}, each text is instead the concatenation of the same column of successive
 * rows, long enough to fill the token limit, so that a step costs what it costs at that length.
 */
final class BenchmarkTriplets {

    private final List<Triplet> rows;
    private final Map<String, Integer> tokens;
    private final boolean lengthened;

    private BenchmarkTriplets(List<Triplet> rows, Map<String, Integer> tokens, boolean lengthened) {
        this.rows = List.copyOf(rows);
        this.tokens = Map.copyOf(tokens);
        this.lengthened = lengthened;
    }

    /**
     * Draws {@code count} triplets.
     *
     * @param source the data set; its triplets with as many negatives as its first triplet are used
     * @param seed fixes the sample
     * @param encoder tokenizes (token counts include {@code [CLS]} and {@code [SEP]}, truncated to its limit)
     * @param lengthen whether to concatenate texts up to the encoder's token limit
     * @throws ContrastiveException if the data holds too few triplets without repeated texts
     */
    static BenchmarkTriplets sample(List<? extends Example> source, int count, long seed, SentenceEncoder encoder,
            boolean lengthen) {
        List<Triplet> unique = distinctTexts(source, seed);
        List<Triplet> rows = lengthen ? lengthen(unique, count, encoder) : take(unique, count);
        List<String> texts = rows.stream().flatMap(row -> row.texts().stream()).toList();
        List<long[]> ids = encoder.tokenize(texts);
        Map<String, Integer> tokens = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            tokens.put(texts.get(i), ids.get(i).length);
        }
        return new BenchmarkTriplets(rows, tokens, lengthen);
    }

    /** The triplets, in sample order. */
    List<Triplet> rows() {
        return rows;
    }

    /** Whether the texts are concatenations of real texts. */
    boolean lengthened() {
        return lengthened;
    }

    /** Mean tokens per text over every text of every row. */
    double tokensPerText() {
        return rows.stream().flatMap(row -> row.texts().stream()).mapToInt(tokens::get).average().orElse(0);
    }

    /** Tokens of the longest text. */
    int longestText() {
        return tokens.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * Mean tokens per text that forward passes compute on, padding included, when each column of each batch is
     * embedded in passes of {@code textsPerPass} consecutive texts, each padded to its longest text.
     *
     * @param batches row indices of the batches, in the order the trainer forms them
     */
    double paddedTokensPerText(List<int[]> batches, int textsPerPass) {
        long padded = 0;
        long texts = 0;
        int columns = rows.get(0).texts().size();
        for (int[] batch : batches) {
            for (int column = 0; column < columns; column++) {
                for (int from = 0; from < batch.length; from += textsPerPass) {
                    int to = Math.min(batch.length, from + textsPerPass);
                    int longest = 0;
                    for (int i = from; i < to; i++) {
                        longest = Math.max(longest, tokens.get(rows.get(batch[i]).texts().get(column)));
                    }
                    padded += (long) longest * (to - from);
                    texts += to - from;
                }
            }
        }
        return texts == 0 ? 0 : (double) padded / texts;
    }

    /** The triplets of {@code source} in seeded random order, skipping every row that repeats an earlier text. */
    private static List<Triplet> distinctTexts(List<? extends Example> source, long seed) {
        List<Triplet> triplets = source.stream().filter(Triplet.class::isInstance).map(Triplet.class::cast).toList();
        if (triplets.isEmpty()) {
            throw new ContrastiveException("the benchmark trains on triplets, but the data holds none");
        }
        int negatives = triplets.get(0).negatives().size();
        List<Triplet> shuffled = new ArrayList<>(triplets.stream().filter(t -> t.negatives().size() == negatives)
                .toList());
        Collections.shuffle(shuffled, new Random(seed));
        Set<String> seen = new HashSet<>();
        List<Triplet> unique = new ArrayList<>();
        for (Triplet row : shuffled) {
            List<String> texts = row.texts();
            if (new HashSet<>(texts).size() == texts.size() && Collections.disjoint(seen, texts)) {
                seen.addAll(texts);
                unique.add(row);
            }
        }
        return unique;
    }

    private static List<Triplet> take(List<Triplet> unique, int count) {
        if (unique.size() < count) {
            throw tooFew(unique.size(), count, "");
        }
        return unique.subList(0, count);
    }

    /**
     * Row i's column c is column c of rows k, k+1, … of {@code unique} joined by spaces, until its token count
     * reaches the limit; each column walks through {@code unique} on its own (see {@link LongTexts}).
     */
    private static List<Triplet> lengthen(List<Triplet> unique, int count, SentenceEncoder encoder) {
        int limit = encoder.settings().maxSeqLength();
        int columns = unique.get(0).texts().size();
        List<List<String>> lengthenedColumns = new ArrayList<>(columns);
        for (int column = 0; column < columns; column++) {
            int c = column;
            List<String> parts = unique.stream().map(row -> row.texts().get(c)).toList();
            lengthenedColumns.add(LongTexts.join(parts, count, encoder,
                    () -> tooFew(unique.size(), count, " (lengthened to " + limit + " tokens per text)")));
        }
        List<Triplet> rows = new ArrayList<>(count);
        for (int row = 0; row < count; row++) {
            List<String> negatives = new ArrayList<>();
            for (int column = 2; column < columns; column++) {
                negatives.add(lengthenedColumns.get(column).get(row));
            }
            rows.add(new Triplet(lengthenedColumns.get(0).get(row), lengthenedColumns.get(1).get(row), negatives));
        }
        return rows;
    }

    private static ContrastiveException tooFew(int available, int needed, String detail) {
        return new ContrastiveException("the data holds " + available + " triplets without repeated texts; the"
                + " benchmark needs " + needed + detail + ": use fewer or smaller steps");
    }
}
