package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code c4j mine} end to end on 50 bundled WordNet (sentence, gloss) pairs with the tiny random BERT. */
class MineCommandTest {

    @TempDir
    static Path shared;
    private static Path tinyModel;
    private static Path pairs;
    private static List<Pair> rows;

    @TempDir
    Path dir;

    @BeforeAll
    static void prepare() {
        tinyModel = shared.resolve("tiny");
        try (SentenceEncoder created = TinyBert.create(1)) {
            created.save(tinyModel);
        }
        rows = Datasets.readAll(BundledData.wordnetTrain(), ReadOptions.defaults().withMaxRows(50)).stream()
                .map(e -> new Pair(((Triplet) e).anchor(), ((Triplet) e).positive())).toList();
        pairs = shared.resolve("pairs.jsonl");
        Datasets.write(pairs, rows);
    }

    @Test
    void writesTheClosestOtherGlossesAsNegativesAndPrintsTheSummary() {
        Path output = dir.resolve("mined.jsonl");
        CliRun run = CliRun.of("mine", "--model", tinyModel.toString(), "--input", pairs.toString(), "--output",
                output.toString(), "--num-negatives", "3", "--batch-size", "8");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Example> mined = Datasets.readAll(output, ReadOptions.defaults());
        assertThat(mined).hasSize(50);
        assertThat(run.out()).contains("Mined 50 distinct anchors (50 rows)", "Negatives found per anchor",
                "positive         50", "negative        150", "Wrote 50 rows to " + output);
        assertThat(run.err()).contains("c4j: mined negatives for 50 of 50 anchors");

        // Independently: the glosses' cosines to each sentence, in double, from the same model.
        List<String> glosses = List.copyOf(new LinkedHashSet<>(rows.stream().map(Pair::positive).toList()));
        Map<String, Double> scores = new HashMap<>();
        try (SentenceEncoder tiny = new EncoderLoader().load(tinyModel.toString())) {
            for (int i = 0; i < 50; i++) {
                Triplet t = (Triplet) mined.get(i);
                assertThat(t.anchor()).isEqualTo(rows.get(i).anchor());
                assertThat(t.positive()).isEqualTo(rows.get(i).positive());
                assertThat(t.negatives()).hasSize(3).doesNotContain(t.positive(), t.anchor()).doesNotHaveDuplicates();
                float[][] embedded = tiny.encode(Stream.concat(Stream.of(t.anchor()), glosses.stream()).toList(), 64);
                List<Double> others = new ArrayList<>();
                for (int g = 0; g < glosses.size(); g++) {
                    double score = cosine(embedded[0], embedded[g + 1]);
                    scores.put(glosses.get(g), score);
                    if (!glosses.get(g).equals(t.positive())) {
                        others.add(score);
                    }
                }
                others.sort((x, y) -> Double.compare(y, x));
                for (int n = 0; n < 3; n++) {
                    // the n-th negative is the n-th best other gloss (up to float noise between batchings)
                    assertThat(scores.get(t.negatives().get(n))).isCloseTo(others.get(n),
                            org.assertj.core.api.Assertions.within(1e-5));
                }
            }
        }
    }

    @Test
    void randomSamplingWithASeedRepeatsAndLabelledPairsHoldOnePositiveAndKNegatives() throws IOException {
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        for (Path output : List.of(first, second)) {
            CliRun run = CliRun.of("mine", "--model", tinyModel.toString(), "--input", pairs.toString(), "--output",
                    output.toString(), "--num-negatives", "2", "--range-max", "10", "--sampling", "random", "--seed",
                    "7", "--output-format", "pairs");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
        List<String> lines = Files.readAllLines(first);
        assertThat(lines.get(0)).isEqualTo("sentence1,sentence2,score");
        assertThat(lines).hasSize(1 + 50 * 3);
    }

    @Test
    void badOptionsAndBadInputExitWithTwoAndLeaveNoFile() throws IOException {
        Path output = dir.resolve("out.jsonl");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        Path missingColumn = Files.writeString(dir.resolve("anchors.csv"), "anchor,text\nx,y\n");
        String[][] cases = {
            {"--num-negatives", "3", "--range-max", "2"},
            {"--range-max", "51"},
            {"--relative-margin", "1.5"},
            {"--sampling", "hardest"},
            {"--corpus", empty.toString()},
            {"--input", missingColumn.toString()},
            {"--max-score", "-0.999"},
        };
        for (String[] extra : cases) {
            List<String> args = new ArrayList<>(List.of("mine", "--model", tinyModel.toString(), "--output",
                    output.toString()));
            if (!List.of(extra).contains("--input")) {
                args.addAll(List.of("--input", pairs.toString()));
            }
            args.addAll(List.of(extra));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", extra) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).containsOnlyOnce("c4j: error: ");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).as(String.join(" ", extra)).containsExactlyInAnyOrder(empty, missingColumn);
            }
        }
    }

    private static double cosine(float[] x, float[] y) {
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            xx += (double) x[i] * x[i];
            yy += (double) y[i] * y[i];
        }
        return dot / Math.sqrt(xx * yy);
    }
}
