package dev.contrastive4j.bench;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.train.StepMetrics;
import dev.contrastive4j.train.Training;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark, not a unit test: does the process's resident memory stay flat over a long run? Trains the tiny
 * model for 2,000 steps (MNRL + triplet, batch 16, a checkpoint every 100 steps, through the same
 * {@link Training} as {@code c4j train}), then encodes 100,000 sentences with it, and samples {@code VmRSS}
 * from {@code /proc/self/status} as it goes. The size after warm-up (the first 10 % of each phase) is compared
 * with the size at the end and the largest seen; the phase passes if neither is more than 10 % above it.
 *
 * <p>Run with a fixed, pre-touched Java heap, so that the heap's own growth does not pass for a leak, e.g.
 * (see docs/reliability.md):
 * <pre>
 * java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp ... dev.contrastive4j.cli.MemoryFlatnessBench [steps] [sentences]
 * </pre>
 * Exit code 0 when both phases pass, 1 otherwise.
 */
public final class MemoryFlatnessBench {

    private static final double ALLOWED_GROWTH = 0.10;

    private MemoryFlatnessBench() {
    }

    /** One phase's resident sizes, in bytes. */
    record Rss(String phase, long afterWarmUp, long atEnd, long largest, int samples) {

        boolean flat() {
            return atEnd <= afterWarmUp * (1 + ALLOWED_GROWTH) && largest <= afterWarmUp * (1 + ALLOWED_GROWTH);
        }

        String describe() {
            return String.format(Locale.ROOT, "%s: RSS after warm-up %.1f MB, at end %.1f MB (%+.1f %%), largest %.1f MB"
                    + " (%+.1f %%), %d samples: %s", phase, mb(afterWarmUp), mb(atEnd),
                    100.0 * (atEnd - afterWarmUp) / afterWarmUp, mb(largest),
                    100.0 * (largest - afterWarmUp) / afterWarmUp, samples, flat() ? "flat" : "GROWS");
        }

        private static double mb(long bytes) {
            return bytes / 1e6;
        }
    }

    /** Collects VmRSS samples once a phase's warm-up is over. */
    static final class RssSampler {

        private final String phase;
        private final List<Long> samples = new ArrayList<>();

        RssSampler(String phase) {
            this.phase = phase;
        }

        void sample() {
            samples.add(residentBytes());
        }

        Rss result() {
            return new Rss(phase, samples.get(0), samples.get(samples.size() - 1),
                    samples.stream().mapToLong(Long::longValue).max().orElseThrow(), samples.size());
        }
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int sentences = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path workspace = Files.createTempDirectory("c4j-memory-bench-");
        try {
            Rss training = train(workspace, steps);
            System.out.println(training.describe());
            Rss encoding = encode(workspace.resolve("run/final"), sentences);
            System.out.println(encoding.describe());
            System.exit(training.flat() && encoding.flat() ? 0 : 1);
        } finally {
            deleteRecursively(workspace);
        }
    }

    private static Rss train(Path workspace, int steps) throws IOException {
        Path model = workspace.resolve("tiny");
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(model);
        }
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red", "bird", "sang"};
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            rows.add(String.format("{\"anchor\": \"%s %s %s\", \"positive\": \"%s %s %d\", \"negative\": \"%s %d\"}",
                    words[i % 12], words[(i / 12) % 12], words[(i * 7) % 12], words[(i + 3) % 12],
                    words[(i * 5) % 12], i, words[(i + 6) % 12], i + 1000));
        }
        Path data = Files.write(workspace.resolve("triplets.jsonl"), rows, StandardCharsets.UTF_8);
        RssSampler sampler = new RssSampler("train " + steps + " steps");
        int warmUp = steps / 10;
        int every = Math.max(1, steps / 200);
        TrainingListener sampling = new TrainingListener() {
            @Override
            public void onStep(StepMetrics metrics) {
                if (metrics.step() >= warmUp && (metrics.step() - warmUp) % every == 0) {
                    sampler.sample();
                }
            }
        };
        TrainingConfig config = TrainingConfig.builder().maxSteps(steps).batchSize(16).learningRate(1e-4)
                .saveSteps(100).build();
        Training.builder().model(model.toString()).trainFile(data).loss("0.5*mnrl + 0.5*triplet").config(config)
                .output(workspace.resolve("run")).listener(sampling).build().run();
        sampler.sample();
        return sampler.result();
    }

    private static Rss encode(Path model, int sentences) {
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red", "bird", "sang"};
        RssSampler sampler = new RssSampler("encode " + sentences + " sentences");
        int chunk = 1_000;
        int chunks = Math.max(1, sentences / chunk);
        try (SentenceEncoder encoder = new dev.contrastive4j.encoder.EncoderLoader().load(model.toString())) {
            for (int c = 0; c < chunks; c++) {
                List<String> texts = new ArrayList<>(chunk);
                for (int i = 0; i < chunk; i++) {
                    int n = c * chunk + i;
                    StringBuilder text = new StringBuilder();
                    for (int w = 0; w < 3 + n % 20; w++) {
                        text.append(words[(n + w * 5) % words.length]).append(' ');
                    }
                    texts.add(text.toString().strip());
                }
                encoder.encode(texts, 32);
                if (c >= chunks / 10) {
                    sampler.sample();
                }
            }
        }
        return sampler.result();
    }

    /** The process's resident set size, from {@code /proc/self/status}. */
    static long residentBytes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            String line = lines.filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
            return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
