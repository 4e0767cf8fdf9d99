package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.compare.CompareFixture;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three mined negatives per anchor go through the whole path: {@code c4j mine} writes {@code negative_1 …
 * negative_3}, {@code train} reads them for MNRL and, through the converter, for a pair loss, and {@code compare}
 * trains MNRL, CMNRL, GIST and CoSENT on them and evaluates on them (the tiny BERT, one update each).
 */
class MinedNegativesThroughTrainAndCompareTest {

    @TempDir
    Path dir;

    @Test
    void minedTriplesTrainAndCompare() throws IOException {
        CompareFixture fixture = CompareFixture.create(dir);
        Path mined = dir.resolve("mined.jsonl");
        CliRun mine = CliRun.of("mine", "--model", fixture.model().toString(), "--input", fixture.train().toString(),
                "--output", mined.toString(), "--num-negatives", "3");
        assertThat(mine.exitCode()).as(mine.err()).isZero();
        List<Example> rows = Datasets.readAll(mined, ReadOptions.defaults());
        assertThat(rows).hasSize(24).allSatisfy(row -> assertThat(((Triplet) row).negatives()).hasSize(3));

        CliRun train = CliRun.of("train", "--model", fixture.model().toString(), "--train", mined.toString(),
                "--loss", "0.5*mnrl + 0.5*cosent", "--batch-size", "8", "--max-steps", "2", "--output",
                dir.resolve("trained").toString(), "--no-progress");
        assertThat(train.exitCode()).as(train.err()).isZero();

        Path minedTest = dir.resolve("mined-test.jsonl");
        assertThat(CliRun.of("mine", "--model", fixture.model().toString(), "--input", fixture.test().toString(),
                "--output", minedTest.toString(), "--num-negatives", "3").exitCode()).isZero();
        CompareFixture minedFixture = new CompareFixture(fixture.model(), mined, minedTest);
        CliRun compare = CliRun.of(CompareArgs.quick(minedFixture, dir.resolve("compare"), "--configs",
                "m=mnrl; c=cmnrl(mini_batch_size=4); g=gist(guide=" + fixture.model() + "); p=cosent",
                "--max-steps", "1"));
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.err()).doesNotContain("FAILED");
        assertThat(compare.out()).contains("| m ", "| c ", "| g ", "| p ");
    }
}
