package dev.contrastive4j.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad input is a clear error or a reported skip, and never leaves an output file (or a temporary one). */
class MiningBadInputTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyCorpusIsAnError() throws IOException {
        assertThatThrownBy(() -> new MiningData(List.of(new Pair("a", "b")), Optional.of(List.of()), "in.jsonl"))
                .isInstanceOf(ContrastiveException.class).hasMessageContaining("the corpus is empty");
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"anchor\": \"a\", \"positive\": \"b\"}\n");
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), "");
        assertThatThrownBy(() -> MiningData.read(input, corpus, ReadOptions.defaults()))
                .isInstanceOf(ContrastiveException.class).hasMessageContaining(corpus.toString());
    }

    @Test
    void anEmptyInputIsAnErrorNamingIt() {
        assertThatThrownBy(() -> new MiningData(List.of(), Optional.empty(), "in.jsonl"))
                .isInstanceOf(ContrastiveException.class).hasMessageContaining("in.jsonl holds no (anchor, positive) rows");
    }

    @Test
    void aCorpusSmallerThanRangeMaxIsAnErrorAndWritesNothing() throws IOException {
        MiningFixture fixture = new MiningFixture(1);
        Path output = dir.resolve("out.jsonl");
        MiningOptions options = MiningOptions.builder().numNegatives(3).rangeMax(48).build();
        assertThatThrownBy(() -> new HardNegativeMiner(options).mine(fixture.data(), fixture.vectors, output,
                MiningListener.NONE)).isInstanceOf(ContrastiveException.class)
                .hasMessage("--range-max 48 is larger than the corpus, which holds 47 distinct documents (with the"
                        + " positives of fixture): lower --range-max or add documents");
        assertNothingWritten();
        assertThat(fixture.vectors.calls).as("checked before any embedding").isZero();
    }

    @Test
    void aDerivedRangeMaxLargerThanTheCorpusIsCutToIt() throws IOException {
        MiningFixture fixture = new MiningFixture(2);
        // derived: 10 × 3 = 30 > 15 positives; anchors take what the smaller corpus has
        MiningOptions options = MiningOptions.builder().numNegatives(3).absoluteMargin(0.0).build();
        MiningResult result = new HardNegativeMiner(options).mine(fixture.dataWithoutCorpus(), fixture.vectors,
                dir.resolve("out.jsonl"), MiningListener.NONE);
        assertThat(result.rowsWritten()).isPositive();
    }

    @Test
    void anchorsWithNoCandidateLeftAreSkippedAndCounted() {
        MiningFixture fixture = new MiningFixture(3);
        MiningData data = fixture.data();
        MiningOptions options = MiningOptions.builder().numNegatives(1).rangeMax(2).minScore(0.8).build();
        long expectedNone = ReferenceSelection.expected(fixture, data, 1, 0, 2, null, null, null, 0.8).values()
                .stream().filter(e -> e.eligible().isEmpty()).count();
        assertThat(expectedNone).as("the fixture has anchors of both kinds").isBetween(1L, 13L);
        MiningResult result = new HardNegativeMiner(options).mine(data, fixture.vectors, dir.resolve("out.jsonl"),
                MiningListener.NONE);
        assertThat(result.skippedNoCandidate()).isEqualTo(expectedNone);
        assertThat(result.anchorsByNegativeCount()[0]).isEqualTo(expectedNone);
        assertThat(result.toText()).contains("Skipped anchors: " + expectedNone + " with no candidate left");
        assertThat(result.removedByRule()).containsKey("--min-score");
    }

    @Test
    void whenNoAnchorGetsANegativeItIsAnErrorAndNoFileIsLeft() throws IOException {
        MiningFixture fixture = new MiningFixture(4);
        Path output = dir.resolve("out.jsonl");
        MiningOptions options = MiningOptions.builder().numNegatives(2).maxScore(-0.999).build();
        assertThatThrownBy(() -> new HardNegativeMiner(options).mine(fixture.data(), fixture.vectors, output,
                MiningListener.NONE)).isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("no anchor of fixture got 2 negatives (14 with no candidate left, 0 with too few)")
                .hasMessageContaining("nothing written to " + output);
        assertNothingWritten();
    }

    @Test
    void anExistingOutputIsLeftAsItWasWhenMiningFails() throws IOException {
        MiningFixture fixture = new MiningFixture(4);
        Path output = Files.writeString(dir.resolve("out.jsonl"), "before\n");
        MiningOptions options = MiningOptions.builder().maxScore(-0.999).build();
        assertThatThrownBy(() -> new HardNegativeMiner(options).mine(fixture.data(), fixture.vectors, output,
                MiningListener.NONE)).isInstanceOf(ContrastiveException.class);
        assertThat(Files.readString(output)).isEqualTo("before\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(output);
        }
    }

    @Test
    void aNonFiniteAnchorEmbeddingIsAnErrorAndNoFileIsLeft() throws IOException {
        MiningFixture fixture = new MiningFixture(5);
        fixture.vectors.with("anchor 9", Float.NaN, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> new HardNegativeMiner(MiningOptions.builder().anchorBlockSize(4).build())
                .mine(fixture.data(), fixture.vectors, dir.resolve("out.jsonl"), MiningListener.NONE))
                .isInstanceOf(ContrastiveException.class).hasMessageContaining("anchor 9");
        assertNothingWritten();
    }

    @Test
    void aMissingColumnNamesTheFile() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "anchor,text\nx,y\n");
        assertThatThrownBy(() -> MiningData.read(input, null, ReadOptions.defaults()))
                .isInstanceOf(ContrastiveException.class).hasMessageContaining(input.toString());
        Path anchorsOnly = Files.writeString(dir.resolve("anchors.jsonl"), "{\"anchor\": \"x\"}\n");
        assertThatThrownBy(() -> MiningData.read(anchorsOnly, null, ReadOptions.defaults()))
                .isInstanceOf(ContrastiveException.class).hasMessageContaining(anchorsOnly.toString());
    }

    @Test
    void scoredPairsAreNotMiningInput() throws IOException {
        Path input = Files.writeString(dir.resolve("scored.csv"), "sentence1,sentence2,score\nx,y,0.5\n");
        assertThatThrownBy(() -> MiningData.read(input, null, ReadOptions.defaults()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining(input + ": mining needs pairs or triplets");
    }

    @Test
    void tripletInputIsReadAsItsAnchorAndPositive() throws IOException {
        Path input = Files.writeString(dir.resolve("t.jsonl"),
                "{\"anchor\": \"a\", \"positive\": \"p\", \"negative_1\": \"n1\", \"negative_2\": \"n2\"}\n");
        Path corpus = Files.writeString(dir.resolve("c.jsonl"), "{\"anchor\": \"x\", \"positive\": \"d1\", \"negative\": \"d2\"}\n");
        MiningData data = MiningData.read(input, corpus, ReadOptions.defaults());
        assertThat(data.rows()).containsExactly(new Pair("a", "p"));
        assertThat(data.corpus()).contains(List.of("d1", "d2"));
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.numNegatives(0), "--num-negatives must be at least 1, got 0"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.rangeMin(-1), "--range-min must be at least 0, got -1"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.rangeMin(5).rangeMax(5), "--range-max must be larger than --range-min (5), got 5"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.numNegatives(4).rangeMin(2).rangeMax(5), "cannot mine 4 negatives from the 3 places between --range-min 2 and --range-max 5"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.maxScore(1.5), "--max-score must be a cosine similarity in [-1, 1], got 1.5"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.minScore(Double.NaN), "--min-score must be a cosine similarity in [-1, 1], got NaN"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.minScore(0.5).maxScore(0.4), "--min-score 0.5 is larger than --max-score 0.4"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.absoluteMargin(-0.1), "--margin must be in [0, 2]"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.relativeMargin(1.5), "--relative-margin must be in [0, 1]"),
                Arguments.of((UnaryOperator<MiningOptions.Builder>) b -> b.anchorBlockSize(0), "anchor block size must be at least 1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badOptions")
    void optionsOutOfRangeAreRejectedWithTheOptionNamed(UnaryOperator<MiningOptions.Builder> setting, String message) {
        assertThatThrownBy(() -> setting.apply(MiningOptions.builder()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private void assertNothingWritten() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no output and no temporary file").isEmpty();
        }
    }
}
