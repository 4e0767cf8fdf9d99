package dev.contrastive4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.Contrastive4j;
import dev.contrastive4j.bench.BenchTrainResults.LossThroughput;
import dev.contrastive4j.bench.BenchTrainResults.Memory;
import dev.contrastive4j.bench.BenchTrainResults.MemoryRun;
import dev.contrastive4j.bench.BenchTrainResults.Setup;
import dev.contrastive4j.bench.BenchTrainResults.Throughput;
import dev.contrastive4j.files.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** Renders {@link BenchTrainResults} as a table for people and as JSON for tools. */
final class BenchTrainReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ROW = "  %-30s";

    private BenchTrainReport() {
    }

    /** The table: setup, load, throughput and memory sections, each with its ratio and target. */
    static void printTable(BenchTrainResults results, PrintWriter out) {
        Setup setup = results.setup();
        out.printf(Locale.ROOT, "Training benchmark: model %s, at most %d tokens per text, %d intra-op threads%s,"
                + " seed %d%n", setup.model(), setup.maxSeqLength(), setup.engineThreads(),
                setup.ompWaitPolicy().map(p -> " (OMP_WAIT_POLICY=" + p + ")").orElse(" (OMP_WAIT_POLICY unset)"),
                setup.seed());
        out.printf(Locale.ROOT, "Data: triplets from %s, %s%n", setup.data(), setup.lengthened()
                ? "each text the concatenation of real texts up to " + setup.maxSeqLength() + " tokens (--long)"
                : "real texts");
        out.printf(Locale.ROOT, "Load average (1, 5, 15 min): %s before, %s after%n", load(results.loadBefore()),
                load(results.loadAfter()));
        results.throughput().ifPresent(throughput -> printThroughput(throughput, out));
        results.memory().ifPresent(memory -> printMemory(memory, out));
        out.flush();
    }

    private static void printThroughput(Throughput throughput, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "Throughput: batch %d, %d warm-up + %d timed steps (forward, backward, clipping,"
                + " AdamW update)%n", throughput.batchSize(), throughput.warmupSteps(), throughput.timedSteps());
        out.printf(Locale.ROOT, ROW + "%10s %12s %12s %12s%n", "loss", "s/step", "triplets/s", "tokens/text",
                "padded/text");
        for (LossThroughput loss : throughput.losses()) {
            out.printf(Locale.ROOT, ROW + "%10.3f %12.2f %12.1f %12.1f%n", loss.loss(), loss.meanSecondsPerStep(),
                    loss.tripletsPerSecond(), loss.tokensPerText(), loss.paddedTokensPerText());
        }
        OptionalDouble ratio = throughput.cachedToPlainRatio();
        if (ratio.isPresent() && throughput.losses().size() >= 2) {
            out.printf(Locale.ROOT, "  %s / %s triplets/s: %.2f (target >= %.2f: %s)%n",
                    shortName(throughput.losses().get(1).loss()), shortName(throughput.losses().get(0).loss()),
                    ratio.getAsDouble(), BenchTrainResults.THROUGHPUT_RATIO_TARGET,
                    verdict(ratio.getAsDouble() >= BenchTrainResults.THROUGHPUT_RATIO_TARGET));
        }
    }

    private static void printMemory(Memory memory, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "Peak memory: resident set above the baseline (model and optimizer state loaded),"
                + " %d step(s), one child JVM per row%n", memory.steps());
        memory.notes().forEach(note -> out.printf("  %s%n", note));
        if (memory.runs().isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, ROW + "%6s %14s %12s %10s %12s %8s%n", "loss", "batch", "peak above", "baseline",
                "s/step", "tokens/text", "longest");
        boolean anyNotReset = false;
        for (MemoryRun run : memory.runs()) {
            if (run.result().isEmpty()) {
                out.printf(Locale.ROOT, ROW + "%6d   %s%n", run.loss(), run.batchSize(), run.note().orElse("no result"));
                continue;
            }
            TrainMemoryProbe.Result result = run.result().get();
            anyNotReset |= !result.peakWasReset();
            out.printf(Locale.ROOT, ROW + "%6d %14s %12s %10.3f %12.1f %8d%n", run.loss(), run.batchSize(),
                    bytes(result.peakAboveBaselineBytes()) + (result.peakWasReset() ? "" : "*"),
                    bytes(result.baselineBytes()), result.secondsPerStep(), result.tokensPerText(),
                    result.longestText());
        }
        if (anyNotReset) {
            out.println("  * the kernel refused to reset the peak: it may include the model loading");
        }
        OptionalDouble ratio = memory.cachedRatio();
        memory.cachedBatchRange().ifPresent(range -> {
            if (ratio.isPresent()) {
                out.printf(Locale.ROOT, "  cached loss, batch %d / batch %d: %.2f (target <= %.2f: %s)%n",
                        range[1], range[0], ratio.getAsDouble(), BenchTrainResults.MEMORY_RATIO_TARGET,
                        verdict(ratio.getAsDouble() <= BenchTrainResults.MEMORY_RATIO_TARGET));
            }
        });
    }

    /** Writes the results as an indented JSON object, replacing {@code file}. */
    static void writeJson(BenchTrainResults results, Path file) {
        try {
            // Written whole or not at all: a failed or killed benchmark leaves no half report.
            AtomicFile.write(file, out -> out.write(JSON.writeValueAsBytes(toJson(results))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode toJson(BenchTrainResults results) {
        Setup setup = results.setup();
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "train");
        root.put("contrastive4j", Contrastive4j.version());
        root.put("model", setup.model());
        root.put("max_seq_length", setup.maxSeqLength());
        root.putObject("threads").put("requested", setup.requestedThreads()).put("engine", setup.engineThreads());
        root.put("omp_wait_policy", setup.ompWaitPolicy().orElse(null));
        root.put("seed", setup.seed());
        root.put("long_texts", setup.lengthened());
        root.put("data", setup.data());
        ObjectNode load = root.putObject("load_average");
        results.loadBefore().forEach(load.putArray("before")::add);
        results.loadAfter().forEach(load.putArray("after")::add);
        results.throughput().ifPresent(throughput -> root.set("throughput", throughputJson(throughput)));
        results.memory().ifPresent(memory -> root.set("memory", memoryJson(memory)));
        return root;
    }

    private static ObjectNode throughputJson(Throughput throughput) {
        ObjectNode node = JSON.createObjectNode();
        node.put("batch_size", throughput.batchSize()).put("warmup_steps", throughput.warmupSteps())
                .put("timed_steps", throughput.timedSteps());
        ArrayNode losses = node.putArray("losses");
        for (LossThroughput loss : throughput.losses()) {
            ObjectNode entry = losses.addObject();
            entry.put("loss", loss.loss()).put("seconds_per_step", loss.meanSecondsPerStep())
                    .put("triplets_per_second", loss.tripletsPerSecond()).put("tokens_per_text", loss.tokensPerText())
                    .put("padded_tokens_per_text", loss.paddedTokensPerText());
            loss.stepSeconds().forEach(entry.putArray("step_seconds")::add);
        }
        throughput.cachedToPlainRatio().ifPresent(ratio -> node.put("cached_to_plain_ratio", ratio)
                .put("target_min", BenchTrainResults.THROUGHPUT_RATIO_TARGET)
                .put("meets_target", ratio >= BenchTrainResults.THROUGHPUT_RATIO_TARGET));
        return node;
    }

    private static ObjectNode memoryJson(Memory memory) {
        ObjectNode node = JSON.createObjectNode();
        node.put("steps", memory.steps());
        node.put("method", "peak resident set (VmHWM of /proc/self/status, reset through /proc/self/clear_refs"
                + " when the trainer starts) minus the resident set at that moment, one child JVM per run");
        memory.notes().forEach(node.putArray("notes")::add);
        ArrayNode runs = node.putArray("runs");
        for (MemoryRun run : memory.runs()) {
            ObjectNode entry = runs.addObject();
            entry.put("loss", run.loss()).put("batch_size", run.batchSize()).put("cached", run.cached());
            run.result().ifPresent(result -> entry.put("baseline_bytes", result.baselineBytes())
                    .put("peak_bytes", result.peakBytes())
                    .put("peak_above_baseline_bytes", result.peakAboveBaselineBytes())
                    .put("peak_was_reset", result.peakWasReset()).put("seconds_per_step", result.secondsPerStep())
                    .put("tokens_per_text", result.tokensPerText()).put("longest_text_tokens", result.longestText()));
            run.note().ifPresent(note -> entry.put("note", note));
        }
        memory.cachedRatio().ifPresent(ratio -> node.put("cached_ratio", ratio)
                .put("target_max", BenchTrainResults.MEMORY_RATIO_TARGET)
                .put("meets_target", ratio <= BenchTrainResults.MEMORY_RATIO_TARGET));
        return node;
    }

    /** {@code cmnrl(mini_batch_size=8)} → {@code cmnrl}. */
    private static String shortName(String loss) {
        int parenthesis = loss.indexOf('(');
        return parenthesis < 0 ? loss : loss.substring(0, parenthesis);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String load(List<Double> averages) {
        return averages.isEmpty() ? "unknown"
                : averages.stream().map(a -> String.format(Locale.ROOT, "%.2f", a)).collect(Collectors.joining(" "));
    }

    /** Bytes as MiB below 1 GiB, GiB above; negative values (a shrinking process) keep their sign. */
    static String bytes(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        return Math.abs(mib) < 1024 ? String.format(Locale.ROOT, "%.1f MiB", mib)
                : String.format(Locale.ROOT, "%.2f GiB", mib / 1024);
    }
}
