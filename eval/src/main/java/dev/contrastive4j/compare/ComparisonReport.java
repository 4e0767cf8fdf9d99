package dev.contrastive4j.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.eval.PairedBootstrap;
import dev.contrastive4j.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files a comparison leaves behind: {@code report.md} (the table, the differences from the best, each
 * run), {@code results.csv} (one line per run, every metric), {@code results.json} (the plan, the aggregated
 * rows, each run) and {@code report.html} (the same with charts; see {@link HtmlReport}).
 */
public final class ComparisonReport {

    public static final String MARKDOWN_FILE = "report.md";
    public static final String CSV_FILE = "results.csv";
    public static final String JSON_FILE = "results.json";
    public static final String HTML_FILE = "report.html";

    /**
     * Facts about the comparison that the plan does not hold.
     *
     * @param finished when the report was made
     * @param wallSeconds how long this process ran the comparison (a resumed comparison: only this process)
     * @param trainRows training rows of every run
     * @param rowKind what a training row is ({@code triplet}, {@code pair}, {@code scored-pair})
     * @param processors processors the JVM saw
     */
    public record Facts(Instant finished, double wallSeconds, int trainRows, String rowKind, int processors) {
    }

    private final ComparePlan plan;
    private final ComparisonSummary summary;
    private final List<RunRecord> records;
    private final Facts facts;

    ComparisonReport(ComparePlan plan, ComparisonSummary summary, List<RunRecord> records, Facts facts) {
        this.plan = plan;
        this.summary = summary;
        this.records = List.copyOf(records);
        this.facts = facts;
    }

    ComparePlan plan() {
        return plan;
    }

    ComparisonSummary summary() {
        return summary;
    }

    Facts facts() {
        return facts;
    }

    /** Writes the four report files into {@code folder}, each atomically. */
    public void writeAll(Path folder) {
        write(folder.resolve(MARKDOWN_FILE), markdown());
        write(folder.resolve(CSV_FILE), csv());
        AtomicFile.writeJson(folder.resolve(JSON_FILE), json());
        write(folder.resolve(HTML_FILE), new HtmlReport(this).render());
    }

    /** The throughput column's title: {@code triplets/s} for triplet data. */
    String throughputTitle() {
        return (facts.rowKind().equals("triplet") ? "triplets" : facts.rowKind() + "s") + "/s";
    }

    /** The main table: configuration, loss, each metric, training time, throughput, status. */
    public MarkdownTable mainTable() {
        return mainTable(Integer.MAX_VALUE);
    }

    /**
     * The main table with status cells cut to {@code statusWidth} characters (for a terminal; the files keep
     * the whole reason).
     */
    public MarkdownTable mainTable(int statusWidth) {
        List<String> header = new ArrayList<>(List.of("configuration", "loss"));
        header.addAll(summary.metrics());
        header.addAll(List.of("train s", throughputTitle(), "status"));
        boolean[] right = new boolean[header.size()];
        for (int c = 2; c < header.size() - 1; c++) {
            right[c] = true;
        }
        MarkdownTable table = new MarkdownTable(header, right);
        for (ComparisonSummary.Row row : summary.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.isBase() ? "base (untrained)" : row.name());
            cells.add(row.isBase() ? "–" : row.loss() + (row.overrides().isEmpty() ? ""
                    : " [" + row.overrides() + "]"));
            for (String metric : summary.metrics()) {
                cells.add(row.hasResults() ? statistic(row.metrics().get(metric), 4) : "–");
            }
            cells.add(row.isBase() || !row.hasResults() ? "–" : statistic(row.trainingSeconds(), 1));
            cells.add(row.isBase() || !row.hasResults() ? "–" : statistic(row.rowsPerSecond(), 1));
            String status = row.status();
            cells.add(status.length() <= statusWidth ? status : status.substring(0, statusWidth - 1) + "…");
            table.add(cells);
        }
        return table;
    }

    /** Per metric with per-item values: each row's difference from the best, with its 95 % interval. */
    public MarkdownTable differenceTable() {
        List<String> metrics = new ArrayList<>(summary.best().keySet());
        List<String> header = new ArrayList<>(List.of("configuration"));
        for (String metric : metrics) {
            header.add("Δ " + metric + " [95 % CI]");
            header.add("≠ 0?");
        }
        boolean[] right = new boolean[header.size()];
        for (int c = 1; c < header.size(); c++) {
            right[c] = true;
        }
        MarkdownTable table = new MarkdownTable(header, right);
        for (ComparisonSummary.Row row : summary.rows()) {
            if (!row.hasResults()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            cells.add(row.isBase() ? "base (untrained)" : row.name());
            for (String metric : metrics) {
                PairedBootstrap.Interval interval = row.versusBest().get(metric);
                if (interval == null) {
                    cells.add(summary.best().get(metric).equals(row.name()) ? "best" : "–");
                    cells.add("");
                } else {
                    cells.add(String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", interval.difference(),
                            interval.lower(), interval.upper()));
                    cells.add(interval.excludesZero() ? "yes" : "no");
                }
            }
            table.add(cells);
        }
        return table;
    }

    /** One line per sentence of what was compared and how. */
    List<String> setup() {
        List<String> lines = new ArrayList<>();
        lines.add("Base model: `" + plan.model() + "`; every configuration starts from it.");
        lines.add(String.format(Locale.ROOT, "Training data: `%s`, %,d %s rows%s.", plan.train(), facts.trainRows(),
                facts.rowKind(), plan.trainSize().isPresent() ? " (a subset chosen with seed " + plan.training().seed()
                        + ", the same for every run)" : ""));
        lines.add("Test set: `" + plan.test().file() + "`" + plan.test().retrievalFolder()
                .map(folder -> " (retrieval: `" + folder + "`)").orElse("") + ", whole, after training.");
        lines.add(String.format(Locale.ROOT, "Hyperparameters: %s, batch %d, lr %s, warm-up %s, weight decay %s,"
                        + " clip %s; %s.", plan.training().maxSteps() > 0 ? plan.training().maxSteps() + " steps"
                        : plan.training().epochs() + (plan.training().epochs() == 1 ? " epoch" : " epochs"),
                plan.training().batchSize(), number(plan.training().learningRate()),
                number(plan.training().warmupRatio()), number(plan.training().weightDecay()),
                number(plan.training().maxGradNorm()), (plan.seeds() == 1 ? "seed " : "seeds ")
                        + plan.seedList().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        lines.add("Learning curves: a fixed subset of " + plan.curveSize() + " test examples (seed "
                + plan.training().seed() + "), " + (plan.training().evalSteps() == 1 ? "after every step"
                        : plan.training().evalSteps() > 1 ? "every " + plan.training().evalSteps() + " steps and after"
                        + " the last" : "after the last step") + "; its retrieval task"
                + " ranks only the subset's texts, so its numbers compare with each other, not with the table.");
        double runSeconds = records.stream().mapToDouble(RunRecord::seconds).filter(Double::isFinite).sum();
        lines.add(String.format(Locale.ROOT, "Finished %s. The runs took %s (loading, training and evaluating each"
                + " model, the base model's evaluation included); this process ran %s, on %d processors.",
                facts.finished(), duration(runSeconds), duration(facts.wallSeconds()), facts.processors()));
        return lines;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Loss comparison\n\n");
        setup().forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Results on the whole test set\n\n").append(mainTable().render());
        md.append("\nMean over seeds, ± the standard deviation where there are several. `train s`: seconds spent in"
                + " updates (evaluations and checkpoints not counted); `").append(throughputTitle())
                .append("`: training rows per second of update time.\n");
        if (!summary.best().isEmpty()) {
            md.append("\n## Difference from the best (paired bootstrap over test items)\n\n")
                    .append(differenceTable().render())
                    .append(String.format(Locale.ROOT, "%nEach row minus the best row (`%s`), item by item: triplet"
                            + " accuracy per test comparison (0/1), MRR@10 per query. 95 %% percentile interval over"
                            + " %,d resamples of the test items; `yes`: the interval excludes 0, so the difference is"
                            + " larger than the choice of test items explains.%n",
                            String.join("`, `", new LinkedHashSet<>(summary.best().values())),
                            PairedBootstrap.DEFAULT_RESAMPLES));
        }
        md.append("\n## Runs\n\n").append(runTable().render());
        return md.toString();
    }

    private MarkdownTable runTable() {
        MarkdownTable table = new MarkdownTable(List.of("configuration", "seed", "status", "seconds", "steps",
                "final loss", "folder"), false, true, false, true, true, true, false);
        for (RunRecord record : records) {
            boolean base = record.seed() == null;
            table.add(List.of(record.configuration(), base ? "–" : String.valueOf(record.seed()),
                    record.ok() ? "ok" : "failed: " + record.reason(), Double.isFinite(record.seconds())
                            ? String.format(Locale.ROOT, "%.1f", record.seconds()) : "–",
                    base ? "–" : String.valueOf(record.steps()),
                    base || !record.ok() ? "–" : String.format(Locale.ROOT, "%.4f", record.finalLoss()),
                    base ? CompareConfiguration.BASE_NAME : record.configuration() + "/seed-" + record.seed()));
        }
        return table;
    }

    /** One line per run: the base model, then each configuration and seed, every metric reported. */
    String csv() {
        Set<String> metrics = new LinkedHashSet<>(summary.metrics());
        records.forEach(r -> metrics.addAll(r.metrics().keySet()));
        List<String> header = new ArrayList<>(List.of("configuration", "loss", "overrides", "seed", "status", "reason",
                "seconds", "steps", "training_seconds", "rows_per_second", "final_loss"));
        header.addAll(metrics);
        StringBuilder csv = new StringBuilder(csvLine(header));
        for (RunRecord r : records) {
            List<String> cells = new ArrayList<>(List.of(r.configuration(), r.loss(), r.overrides(),
                    r.seed() == null ? "" : String.valueOf(r.seed()), r.ok() ? "ok" : "failed",
                    r.reason() == null ? "" : r.reason(), csvNumber(r.seconds()), String.valueOf(r.steps()),
                    csvNumber(r.trainingSeconds()),
                    csvNumber(r.rowsPerSecond()), csvNumber(r.finalLoss())));
            for (String metric : metrics) {
                cells.add(csvNumber(r.metrics().getOrDefault(metric, Double.NaN)));
            }
            csv.append(csvLine(cells));
        }
        return csv.toString();
    }

    /** The plan, the aggregated rows with their differences and curves, and each run without its items. */
    ObjectNode json() {
        ObjectNode root = RunRecord.JSON.createObjectNode();
        root.set("plan", plan.toJson(RunRecord.JSON));
        root.put("finished", facts.finished().toString()).put("wall_seconds", facts.wallSeconds())
                .put("processors", facts.processors()).put("train_rows", facts.trainRows())
                .put("row_kind", facts.rowKind());
        ArrayNode rows = root.putArray("rows");
        for (ComparisonSummary.Row row : summary.rows()) {
            ObjectNode node = rows.addObject().put("configuration", row.name()).put("loss", row.loss())
                    .put("overrides", row.overrides()).put("status", row.status()).put("runs", row.runs())
                    .put("failed_runs", row.failed());
            ObjectNode metrics = node.putObject("metrics");
            row.metrics().forEach((metric, statistic) -> put(metrics.putObject(metric), statistic));
            put(node.putObject("training_seconds"), row.trainingSeconds());
            put(node.putObject("rows_per_second"), row.rowsPerSecond());
            ObjectNode versus = node.putObject("versus_best");
            row.versusBest().forEach((metric, interval) -> {
                ObjectNode entry = versus.putObject(metric).put("best", summary.best().get(metric));
                number(entry, "difference", interval.difference());
                number(entry, "lower", interval.lower());
                number(entry, "upper", interval.upper());
                entry.put("confidence", interval.confidence()).put("items", interval.items())
                        .put("excludes_zero", interval.excludesZero());
            });
            node.set("curve", RunRecord.JSON.valueToTree(row.curve()));
        }
        ArrayNode runs = root.putArray("runs");
        for (RunRecord record : records) {
            ObjectNode node = RunRecord.JSON.valueToTree(record);
            node.remove("items");
            node.remove("curve");
            runs.add(node);
        }
        return root;
    }

    private static void put(ObjectNode node, ComparisonSummary.Statistic statistic) {
        number(node, "mean", statistic.mean());
        number(node, "std", statistic.std());
        node.put("n", statistic.n());
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** {@code 0.7123}, or {@code 0.7123 ± 0.0040} over several runs; {@code –} without a value. */
    public static String statistic(ComparisonSummary.Statistic statistic, int decimals) {
        if (statistic.n() == 0 || !Double.isFinite(statistic.mean())) {
            return "–";
        }
        String format = "%." + decimals + "f";
        String mean = String.format(Locale.ROOT, format, statistic.mean());
        return Double.isFinite(statistic.std())
                ? mean + " ± " + String.format(Locale.ROOT, format, statistic.std()) : mean;
    }

    /** {@code 9m 41s}, or {@code 41.2 s} under a minute. */
    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        return whole / 3600 > 0 ? String.format(Locale.ROOT, "%dh %02dm %02ds", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
    }

    /** A hyperparameter as a person writes it: {@code 0.00002}, {@code 0.1}, {@code 1}. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String csvNumber(double value) {
        return Double.isFinite(value) ? String.valueOf(value) : "";
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            quoted.add(cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                    ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return String.join(",", quoted) + "\n";
    }

    /** Replaces {@code file} in one step (see {@link AtomicFile}). */
    private static void write(Path file, String text) {
        try {
            AtomicFile.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
