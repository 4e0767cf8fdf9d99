package dev.contrastive4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.cli.CliRun;
import dev.contrastive4j.engine.FusedAttention;
import dev.contrastive4j.engine.MklDispatch;
import dev.contrastive4j.engine.SingleThreadWorkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code c4j bench encode}: the report's shape on a tiny input (the figures themselves are the machine's). */
class BenchEncodeCommandTest {

    private static final String NUMBER = "[0-9]+\\.[0-9]";

    @TempDir
    Path dir;

    @Test
    void reportsSentencesPerSecondForBothEnginesAndTheirRatio() throws IOException {
        List<String> sentences = IntStream.range(0, 16)
                .mapToObj(i -> "sentence number " + i + " is " + "rather ".repeat(i) + "long").toList();
        Path input = Files.write(dir.resolve("sentences.txt"), sentences);

        CliRun run = CliRun.withCommands(BenchMain::addBench, "bench", "encode", "--input", input.toString(), "--runs", "1", "--batch-size", "4",
                "--threads", "2", "--onnx-spinning", "off");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = new ArrayList<>(run.out().lines().toList());
        // Where small passes run side by side, ONNX Runtime is measured once more scheduled the same way.
        boolean sideBySide = SingleThreadWorkers.available();
        assertThat(lines).hasSize(sideBySide ? 15 : 13);
        assertThat(lines.remove(5)).isEqualTo("passes of up to 2048 padded tokens: " + SingleThreadWorkers.describe());
        String figures = " +" + NUMBER + " sentences/s  \\(median " + NUMBER + "; runs: " + NUMBER + "\\)";
        if (sideBySide) {
            assertThat(lines.remove(9)).matches("ONNX Runtime 1\\.20\\.0, batch 4, small ones side by side:" + figures);
            assertThat(lines.remove(10)).matches("ratio contrastive4j / ONNX Runtime with small batches side by side:"
                    + " [0-9]+\\.[0-9]{2} \\(best\\), [0-9]+\\.[0-9]{2} \\(median\\)");
        }
        assertThat(lines.get(0)).isEqualTo("Encoding 16 sentences (" + input + ") with all-MiniLM-L6-v2");
        assertThat(lines.get(1)).matches("tokens per sentence: mean " + NUMBER + ", max [0-9]+; at batch size 4, "
                + NUMBER + "% of the padded positions are real tokens");
        assertThat(lines.get(2)).matches("threads: PyTorch 2 intra-op, [0-9]+ inter-op \\(OMP_WAIT_POLICY=\\w+\\);"
                + " ONNX Runtime 2 intra-op, 1 inter-op, spinning off");
        // The test JVM runs without the launcher's LD_PRELOAD.
        assertThat(lines.get(3)).isEqualTo("matrix products: " + MklDispatch.describe()).contains("by CPU vendor");
        assertThat(lines.get(4)).isEqualTo("attention: " + FusedAttention.describe()).contains("where no attention dropout applies");
        assertThat(lines.get(5)).isEqualTo("timing: best of 1 run after 1 warm-up run each, runs interleaved;"
                + " tokenisation included");
        assertThat(lines.get(6)).matches("contrastive4j \\(PyTorch 2\\.7\\.1\\), batch 4:" + figures);
        assertThat(lines.get(7)).matches("ONNX Runtime 1\\.20\\.0, batch 4:" + figures);
        assertThat(lines.get(8)).matches("ONNX Runtime 1\\.20\\.0, batch 1:" + figures);
        assertThat(lines.get(9)).matches("ratio contrastive4j / ONNX Runtime at batch 4: [0-9]+\\.[0-9]{2} \\(best\\),"
                + " [0-9]+\\.[0-9]{2} \\(median\\)");
        assertThat(lines.get(10)).matches("tokenisation alone: " + NUMBER + " sentences/s \\(best\\)");
        // Same weights, same token ids: the engines agree to float rounding.
        assertThat(lines.get(11)).startsWith("largest difference between the two engines' embeddings: ");
        double difference = Double.parseDouble(lines.get(11).substring(lines.get(11).lastIndexOf(' ') + 1));
        assertThat(difference).isLessThan(1e-4);
    }

    @Test
    void longTextsAreJoinedToTheTokenLimitAndMemoryIsMeasuredPerEngine() {
        CliRun run = CliRun.withCommands(BenchMain::addBench, "bench", "encode", "--long", "--max-seq-length", "48", "--sentences", "12", "--runs", "1",
                "--warmup-runs", "0", "--batch-size", "4", "--threads", "2", "--onnx-spinning", "off", "--memory");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Encoding 12 sentences (the WordNet training split's anchors and positives,"
                + " joined into texts of 48 tokens) with all-MiniLM-L6-v2");
        // Every joined text reaches the limit and is truncated to it: no padding at all.
        assertThat(lines.get(1)).isEqualTo("tokens per sentence: mean 48.0, max 48; at batch size 4, 100.0% of the"
                + " padded positions are real tokens");
        String memory = " +[0-9]+ MB / +[0-9]+ MB / +-?[0-9]+ MB  \\(" + NUMBER + " s\\)";
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("  contrastive4j: " + memory));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("  ONNX Runtime: " + memory));
        assertThat(lines.get(lines.size() - 1)).matches("ratio contrastive4j / ONNX Runtime: [0-9]+\\.[0-9]{2} \\(peak\\),"
                + " -?[0-9]+\\.[0-9]{2} \\(peak above loaded\\)");
    }

    @Test
    void realTokenShareCountsPaddingOfLengthSortedBatches() {
        // Lengths 5, 3, 3, 1 sorted longest first in batches of 2: [5, 3] pads to 2 x 5, [3, 1] to 2 x 3.
        List<long[]> tokens = new ArrayList<>(List.of(new long[3], new long[5], new long[1], new long[3]));

        assertThat(BenchEncodeCommand.realTokenShare(tokens, 2)).isCloseTo(12.0 / 16.0, within(1e-12));
        assertThat(BenchEncodeCommand.realTokenShare(tokens, 1)).isEqualTo(1.0);
    }

    @Test
    void aThreadCountBelowOneIsAUserError() {
        CliRun run = CliRun.withCommands(BenchMain::addBench, "bench", "encode", "--threads", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("c4j: error: --threads must be at least 1, found 0");
    }

    @Test
    void anUnknownSpinningModeIsAUserError() {
        CliRun run = CliRun.withCommands(BenchMain::addBench, "bench", "encode", "--onnx-spinning", "sometimes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("c4j: error: --onnx-spinning must be auto, on or off, found 'sometimes'");
    }

    @Test
    void benchWithoutASubcommandIsAUserError() {
        CliRun run = CliRun.withCommands(BenchMain::addBench, "bench");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bench needs a subcommand");
    }
}
