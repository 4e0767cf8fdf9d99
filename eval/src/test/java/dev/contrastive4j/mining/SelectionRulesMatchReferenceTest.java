package dev.contrastive4j.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The miner's negatives equal those of {@link ReferenceSelection}, a naive re-statement of the documented rules,
 * on hand-made vectors: rank window, margins, score bounds, duplicates, top and random sampling.
 */
class SelectionRulesMatchReferenceTest {

    @TempDir
    Path dir;

    /** numNegatives, rangeMin, rangeMax (null: derived), margin, relative margin, max score, min score. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1, 0, null, null, null, null, null),
                Arguments.of(3, 2, 10, null, null, null, null),
                Arguments.of(3, 0, null, 0.1, null, null, null),
                Arguments.of(2, 0, 20, null, 0.2, null, null),
                Arguments.of(4, 0, 40, null, null, 0.5, -0.2),
                Arguments.of(3, 1, 8, 0.05, 0.1, 0.9, 0.0),
                Arguments.of(5, 0, 47, null, null, null, 0.6),
                Arguments.of(2, 40, 47, null, null, null, null));
    }

    @ParameterizedTest(name = "k={0} range {1}-{2} margin {3} relative {4} max {5} min {6}")
    @MethodSource("cases")
    void topSamplingWritesTheReferenceTriplets(int k, int rangeMin, Integer rangeMax, Double margin,
            Double relativeMargin, Double maxScore, Double minScore) {
        for (boolean separateCorpus : new boolean[] {true, false}) {
            MiningFixture fixture = new MiningFixture(11);
            MiningData data = separateCorpus ? fixture.data() : fixture.dataWithoutCorpus();
            MiningOptions options = options(k, rangeMin, rangeMax, margin, relativeMargin, maxScore, minScore)
                    .outputFormat(MiningOutputFormat.TRIPLETS).build();
            if (rangeMax != null && rangeMax > 15 && !separateCorpus) {
                // the positives alone are 15 documents
                assertThatThrownBy(() -> new HardNegativeMiner(options).mine(data, fixture.vectors,
                        dir.resolve("none.jsonl"), MiningListener.NONE)).isInstanceOf(ContrastiveException.class)
                        .hasMessageContaining("--range-max " + rangeMax + " is larger than the corpus");
                assertThat(dir.resolve("none.jsonl")).doesNotExist();
                continue;
            }
            Map<String, ReferenceSelection.Expected> expected = ReferenceSelection.expected(fixture, data, k, rangeMin,
                    options.resolvedRangeMax(), margin, relativeMargin, maxScore, minScore);

            List<Example> rows = new ArrayList<>();
            long[] histogram = new long[k + 1];
            long none = 0;
            long tooFew = 0;
            for (ReferenceSelection.Expected e : expected.values()) {
                List<String> negatives = e.eligible().subList(0, Math.min(k, e.eligible().size()));
                histogram[negatives.size()]++;
                if (negatives.isEmpty()) {
                    none++;
                } else if (negatives.size() < k) {
                    tooFew++;
                } else {
                    e.positives().forEach(p -> rows.add(new Triplet(e.anchor(), p, negatives)));
                }
            }
            Path output = dir.resolve("triplets-" + separateCorpus + ".jsonl");
            if (rows.isEmpty()) {
                continue; // the all-skipped case is MiningBadInputTest's
            }
            MiningResult result = new HardNegativeMiner(options).mine(data, fixture.vectors, output, MiningListener.NONE);

            assertThat(MiningFixture.readBack(output)).as("separate corpus: %s", separateCorpus).isEqualTo(rows);
            assertThat(result.anchorsByNegativeCount()).isEqualTo(histogram);
            assertThat(result.skippedNoCandidate()).isEqualTo(none);
            assertThat(result.skippedTooFew()).isEqualTo(tooFew);
            assertThat(result.rowsWritten()).isEqualTo(rows.size());
            assertThat(result.anchors()).isEqualTo(14);
            assertThat(result.inputRows()).isEqualTo(15);
            assertThat(result.corpusDocuments()).isEqualTo(separateCorpus ? 47 : 15);
            for (Example row : rows) {
                Triplet t = (Triplet) row;
                assertThat(t.negatives()).doesNotContain(t.anchor()).doesNotContainAnyElementsOf(
                        expected.get(t.anchor()).positives());
            }
        }
    }

    @ParameterizedTest(name = "k={0} range {1}-{2} margin {3} relative {4} max {5} min {6}")
    @MethodSource("cases")
    void labelledPairsHoldEachPositiveAndEachFoundNegative(int k, int rangeMin, Integer rangeMax, Double margin,
            Double relativeMargin, Double maxScore, Double minScore) {
        MiningFixture fixture = new MiningFixture(12);
        MiningData data = fixture.data();
        MiningOptions options = options(k, rangeMin, rangeMax, margin, relativeMargin, maxScore, minScore)
                .outputFormat(MiningOutputFormat.PAIRS).build();
        List<Example> rows = new ArrayList<>();
        for (ReferenceSelection.Expected e : ReferenceSelection.expected(fixture, data, k, rangeMin,
                options.resolvedRangeMax(), margin, relativeMargin, maxScore, minScore).values()) {
            List<String> negatives = e.eligible().subList(0, Math.min(k, e.eligible().size()));
            if (!negatives.isEmpty()) {
                e.positives().forEach(p -> rows.add(new ScoredPair(e.anchor(), p, 1.0)));
                negatives.forEach(n -> rows.add(new ScoredPair(e.anchor(), n, 0.0)));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        Path output = dir.resolve("pairs.csv");
        new HardNegativeMiner(options).mine(data, fixture.vectors, output, MiningListener.NONE);
        assertThat(MiningFixture.readBack(output)).isEqualTo(rows);
    }

    @Test
    void randomSamplesComeFromTheEligibleCandidatesBestFirst() {
        MiningFixture fixture = new MiningFixture(13);
        MiningData data = fixture.data();
        Map<String, ReferenceSelection.Expected> expected = ReferenceSelection.expected(fixture, data, 3, 1, 20, null,
                0.1, null, null);
        for (long seed = 0; seed < 20; seed++) {
            MiningOptions options = options(3, 1, 20, null, 0.1, null, null).sampling(SamplingStrategy.RANDOM)
                    .seed(seed).build();
            Path output = dir.resolve("random-" + seed + ".jsonl");
            MiningResult result = new HardNegativeMiner(options).mine(data, fixture.vectors, output, MiningListener.NONE);
            long written = 0;
            for (Example row : MiningFixture.readBack(output)) {
                Triplet t = (Triplet) row;
                List<String> eligible = expected.get(t.anchor()).eligible();
                assertThat(eligible).containsAll(t.negatives());
                // best first: their order in the eligible list, which is by score
                assertThat(t.negatives()).isSortedAccordingTo((x, y) -> eligible.indexOf(x) - eligible.indexOf(y));
                written++;
            }
            long anchorsWithThree = expected.values().stream().filter(e -> e.eligible().size() >= 3)
                    .mapToLong(e -> e.positives().size()).sum();
            assertThat(written).isEqualTo(anchorsWithThree).isEqualTo(result.rowsWritten());
        }
    }

    @Test
    void aSeedGivesTheSameSampleWhateverTheBlockSizeAndAnotherSeedAnother() throws IOException {
        MiningFixture fixture = new MiningFixture(14);
        Path[] outputs = new Path[3];
        int[][] settings = {{7, 1}, {7, 1000}, {8, 1000}};
        for (int i = 0; i < 3; i++) {
            MiningOptions options = options(2, 0, 30, null, null, null, null).sampling(SamplingStrategy.RANDOM)
                    .seed(settings[i][0]).anchorBlockSize(settings[i][1]).embeddingChunkSize(settings[i][1]).build();
            outputs[i] = dir.resolve("seed-" + i + ".jsonl");
            new HardNegativeMiner(options).mine(fixture.data(), fixture.vectors, outputs[i], MiningListener.NONE);
        }
        assertThat(Files.readString(outputs[1])).isEqualTo(Files.readString(outputs[0]));
        assertThat(Files.readString(outputs[2])).isNotEqualTo(Files.readString(outputs[0]));
    }

    @Test
    void randomSamplingChoosesEachEligibleCandidateEquallyOften() {
        MiningOptions options = MiningOptions.builder().numNegatives(3).rangeMax(10)
                .sampling(SamplingStrategy.RANDOM).seed(5).build();
        NegativeSelector selector = new NegativeSelector(options);
        int[] ranked = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21};
        double[] scores = {0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35};
        int trials = 6000;
        int[] counts = new int[22];
        for (int anchor = 0; anchor < trials; anchor++) {
            // 12 is excluded (a positive): the window is the 10 others from 10 to 20
            NegativeSelector.Selection selection = selector.select(ranked, scores, i -> i == 12, 1.0, anchor);
            assertThat(selection.indices()).hasSize(3).isSorted();
            for (int index : selection.indices()) {
                counts[index]++;
            }
        }
        // each of the 10 window candidates is chosen with probability 3/10: 1800 of 6000, σ ≈ 35.5; allow 5σ
        for (int index : new int[] {10, 11, 13, 14, 15, 16, 17, 18, 19, 20}) {
            assertThat((double) counts[index]).as("candidate %d", index).isCloseTo(1800, within(178.0));
        }
        assertThat(counts[12]).isZero();
        assertThat(counts[21]).as("outside the window").isZero();
    }

    @Test
    void summaryScoresAreTheAnchorPositiveAndChosenNegativeCosines() {
        MiningFixture fixture = new MiningFixture(15);
        MiningData data = fixture.data();
        MiningResult result = new HardNegativeMiner(options(2, 0, 10, null, null, null, null).build())
                .mine(data, fixture.vectors, dir.resolve("s.jsonl"), MiningListener.NONE);
        double[] positives = data.rows().stream().mapToDouble(r -> ReferenceSelection.cosine(
                fixture.vectors.vectors.get(r.anchor()), fixture.vectors.vectors.get(r.positive()))).sorted().toArray();
        assertThat(result.positives().count()).isEqualTo(15);
        assertThat(result.positives().min()).isCloseTo(positives[0], within(1e-12));
        assertThat(result.positives().max()).isCloseTo(positives[14], within(1e-12));
        assertThat(result.positives().median()).isCloseTo(positives[7], within(1e-12));
        assertThat(result.positives().mean()).isCloseTo(java.util.Arrays.stream(positives).average().orElseThrow(),
                within(1e-12));
        List<Double> negatives = new ArrayList<>();
        ReferenceSelection.expected(fixture, data, 2, 0, 10, null, null, null, null).values()
                .forEach(e -> negatives.addAll(e.eligibleScores().subList(0, 2)));
        assertThat(result.negatives().count()).isEqualTo(28);
        assertThat(result.negatives().max()).isCloseTo(negatives.stream().mapToDouble(d -> d).max().orElseThrow(),
                within(1e-12));
        assertThat(result.toText()).contains("Negatives found per anchor (negatives: anchors): 2: 14")
                .contains("positive         15").contains("negative         28");
    }

    private static MiningOptions.Builder options(int k, int rangeMin, Integer rangeMax, Double margin,
            Double relativeMargin, Double maxScore, Double minScore) {
        // small blocks and chunks, so that several search blocks and embedder calls are exercised
        return MiningOptions.builder().numNegatives(k).rangeMin(rangeMin).rangeMax(rangeMax).absoluteMargin(margin)
                .relativeMargin(relativeMargin).maxScore(maxScore).minScore(minScore).anchorBlockSize(4)
                .embeddingChunkSize(5);
    }
}
