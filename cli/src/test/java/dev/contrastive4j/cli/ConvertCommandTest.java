package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {

    @TempDir
    Path folder;

    /** Three triplets with two negatives each. */
    private Path triplets() throws IOException {
        return write("triplets.jsonl", """
                {"anchor": "q0", "positive": "p0", "negative_1": "n0a", "negative_2": "n0b"}
                {"anchor": "q1", "positive": "p1", "negative_1": "n1a", "negative_2": "n1b"}
                {"anchor": "q2", "positive": "p2", "negative_1": "n2a", "negative_2": "n2b"}
                """);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    @Test
    void eachTripletBecomesOneScoredPairPerPositiveAndNegative() throws IOException {
        Path in = triplets();
        Path out = folder.resolve("pairs.csv");

        CliRun run = CliRun.of("convert", "--to", "scored-pairs", in.toString(), out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Example> rows = Datasets.readAll(out, ReadOptions.defaults());
        assertThat(rows).hasSize(3 * (1 + 2));
        assertThat(rows.subList(0, 3)).containsExactly(
                new ScoredPair("q0", "p0", 1.0), new ScoredPair("q0", "n0a", 0.0), new ScoredPair("q0", "n0b", 0.0));
        assertThat(rows.get(8)).isEqualTo(new ScoredPair("q2", "n2b", 0.0));
        assertThat(run.out().strip()).isEqualTo("read 3 triplet rows from " + in + ", wrote 9 scored-pair rows to " + out);
    }

    @Test
    void toPairsDropsTheNegatives() throws IOException {
        Path out = folder.resolve("pairs.tsv");

        CliRun run = CliRun.of("convert", "--to", "pairs", triplets().toString(), out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Datasets.readAll(out, ReadOptions.defaults()))
                .containsExactly(new Pair("q0", "p0"), new Pair("q1", "p1"), new Pair("q2", "p2"));
    }

    @Test
    void converterParametersSetTheScores() throws IOException {
        Path out = folder.resolve("pairs.jsonl");

        CliRun run = CliRun.of("convert", "--to", "scored-pairs", "-P", "positive_score=0.9",
                "--param", "negative_score=0.1", triplets().toString(), out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Datasets.readAll(out, ReadOptions.defaults()).subList(0, 2))
                .containsExactly(new ScoredPair("q0", "p0", 0.9), new ScoredPair("q0", "n0a", 0.1));
    }

    @Test
    void anUnknownParameterIsAUserErrorListingTheParameters() throws IOException {
        CliRun run = CliRun.of("convert", "--to", "scored-pairs", "-P", "margin=1", triplets().toString(),
                folder.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("c4j: error: converter 'triplet-to-scored-pairs' has no parameter"
                + " 'margin'; its parameters: positive_score, negative_score");
    }

    @Test
    void anUnknownTargetFormatIsAUserError() throws IOException {
        CliRun run = CliRun.of("convert", "--to", "triplets", triplets().toString(), folder.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("c4j: error: Invalid value for option '--to': expected pairs or scored-pairs,"
                + " got 'triplets' (see 'c4j convert --help')");
    }

    @Test
    void aBadRowFailsTheConversionAndLeavesNoOutput() throws IOException {
        Path in = write("bad.jsonl", """
                {"anchor": "q0", "positive": "p0", "negative": "n0"}
                {"anchor": "q1", "positive": "  ", "negative": "n1"}
                """);
        Path out = folder.resolve("out.csv");

        CliRun run = CliRun.of("convert", "--to", "scored-pairs", in.toString(), out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("c4j: error: " + in + ":2");
        assertThat(out).doesNotExist();
        assertThat(folder).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void skippedBadRowsAreReportedAndTheRestConverted() throws IOException {
        Path in = write("bad.jsonl", """
                {"anchor": "q0", "positive": "p0", "negative": "n0"}
                {"anchor": "q1", "positive": "  ", "negative": "n1"}
                """);
        Path out = folder.resolve("out.csv");

        CliRun run = CliRun.of("convert", "--to", "scored-pairs", "--skip-bad-rows", in.toString(), out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("c4j: warning: read 1 rows of " + in + ", skipped 1 bad rows:");
        assertThat(Datasets.readAll(out, ReadOptions.defaults())).hasSize(2);
    }

    @Test
    void dataAlreadyInTheTargetFormatIsAUserError() throws IOException {
        Path in = write("pairs.csv", "sentence1,sentence2,score\na,b,0.5\n");

        CliRun run = CliRun.of("convert", "--to", "scored-pairs", in.toString(), folder.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("c4j: error: " + in + " already holds scored-pair rows; nothing to convert");
    }
}
