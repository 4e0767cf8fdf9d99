package dev.contrastive4j.compare;

import dev.contrastive4j.eval.PairedBootstrap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The comparison as a table: one row per configuration (the untrained base model first), its runs over seeds
 * aggregated as mean ± standard deviation, and, for every metric with per-item values, its difference from the
 * best row by a paired bootstrap over the test items.
 *
 * <p>With several seeds, a row's per-item values are averaged over its seeds before the bootstrap, so the
 * interval covers the choice of test items with seed noise partly averaged out; the ± column shows the seed
 * noise itself.
 *
 * @param rows the base model first, then the configurations in plan order
 * @param metrics the report's metrics, main metric first
 * @param best per metric with per-item values: the name of the row with the highest mean
 */
public record ComparisonSummary(List<Row> rows, List<String> metrics, Map<String, String> best) {

    public ComparisonSummary {
        rows = List.copyOf(rows);
        metrics = List.copyOf(metrics);
        best = Collections.unmodifiableMap(new LinkedHashMap<>(best));
    }

    /**
     * A mean over runs.
     *
     * @param mean the mean (NaN without values)
     * @param std the sample standard deviation (NaN with fewer than two values)
     * @param n how many values
     */
    public record Statistic(double mean, double std, int n) {

        public static Statistic of(List<Double> values) {
            List<Double> finite = values.stream().filter(Double::isFinite).toList();
            int n = finite.size();
            if (n == 0) {
                return new Statistic(Double.NaN, Double.NaN, 0);
            }
            double mean = finite.stream().mapToDouble(Double::doubleValue).sum() / n;
            if (n == 1) {
                return new Statistic(mean, Double.NaN, 1);
            }
            double squares = finite.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Statistic(mean, Math.sqrt(squares / (n - 1)), n);
        }
    }

    /**
     * One configuration, over its seeds.
     *
     * @param name the configuration's name ({@value CompareConfiguration#BASE_NAME} for the base model)
     * @param loss its loss expression (empty for the base model)
     * @param overrides its own hyperparameters (empty when none)
     * @param runs how many runs it has (one per seed; one for the base model)
     * @param failed how many of them failed
     * @param reason the first failure's reason (null when none failed)
     * @param metrics per metric, over the runs that finished
     * @param trainingSeconds update time per run
     * @param rowsPerSecond training throughput per run
     * @param versusBest per metric with per-item values: the difference from the best row (absent for the best
     *     row itself)
     * @param curve the learning curve on the test subset, averaged over runs, from step 0 (the base model)
     */
    public record Row(String name, String loss, String overrides, int runs, int failed, String reason,
            Map<String, Statistic> metrics, Statistic trainingSeconds, Statistic rowsPerSecond,
            Map<String, PairedBootstrap.Interval> versusBest, List<CurvePoint> curve) {

        /** Whether this is the untrained base model's row. */
        boolean isBase() {
            return name.equals(CompareConfiguration.BASE_NAME);
        }

        /** Whether at least one run finished. */
        boolean hasResults() {
            return failed < runs;
        }

        /** "ok", or which runs failed and why. */
        String status() {
            if (failed == 0) {
                return "ok";
            }
            return (runs == 1 ? "failed: " : failed + " of " + runs + " seeds failed: ") + reason;
        }
    }

    /**
     * Aggregates the records of a comparison.
     *
     * @param records the base model's record first, then the configurations' (as {@link Comparison#run})
     * @param metrics the report's metrics
     * @param bootstrap the resampling behind the differences
     */
    public static ComparisonSummary of(List<RunRecord> records, List<String> metrics, PairedBootstrap bootstrap) {
        Map<String, List<RunRecord>> byConfiguration = new LinkedHashMap<>();
        for (RunRecord record : records) {
            byConfiguration.computeIfAbsent(record.configuration(), k -> new ArrayList<>()).add(record);
        }
        CurvePoint start = records.get(0).curve().isEmpty() ? null : records.get(0).curve().get(0);
        Map<String, Map<String, double[]>> items = new LinkedHashMap<>();
        List<Row> partial = new ArrayList<>();
        for (List<RunRecord> runs : byConfiguration.values()) {
            RunRecord first = runs.get(0);
            List<RunRecord> finished = runs.stream().filter(RunRecord::ok).toList();
            String reason = runs.stream().filter(r -> !r.ok()).map(RunRecord::reason).findFirst().orElse(null);
            Map<String, Statistic> statistics = new LinkedHashMap<>();
            for (String metric : metrics) {
                statistics.put(metric, Statistic.of(finished.stream()
                        .map(r -> r.metrics().getOrDefault(metric, Double.NaN)).toList()));
            }
            items.put(first.configuration(), meanItems(finished));
            partial.add(new Row(first.configuration(), first.loss(), first.overrides(), runs.size(),
                    runs.size() - finished.size(), reason, statistics,
                    Statistic.of(finished.stream().map(RunRecord::trainingSeconds).toList()),
                    Statistic.of(finished.stream().map(RunRecord::rowsPerSecond).toList()),
                    Map.of(), meanCurve(finished, start)));
        }

        Map<String, String> best = new LinkedHashMap<>();
        for (String metric : metrics) {
            bestWithItems(partial, items, metric).ifPresent(row -> best.put(metric, row));
        }
        List<Row> rows = new ArrayList<>();
        for (Row row : partial) {
            Map<String, PairedBootstrap.Interval> versusBest = new LinkedHashMap<>();
            best.forEach((metric, bestRow) -> {
                double[] own = items.get(row.name()).get(metric);
                if (!bestRow.equals(row.name()) && own != null) {
                    versusBest.put(metric, bootstrap.difference(own, items.get(bestRow).get(metric)));
                }
            });
            rows.add(new Row(row.name(), row.loss(), row.overrides(), row.runs(), row.failed(), row.reason(),
                    row.metrics(), row.trainingSeconds(), row.rowsPerSecond(), versusBest, row.curve()));
        }
        return new ComparisonSummary(rows, metrics, best);
    }

    /** The row with the highest mean of a metric among rows with per-item values for it. */
    private static Optional<String> bestWithItems(List<Row> rows, Map<String, Map<String, double[]>> items,
            String metric) {
        String best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (Row row : rows) {
            double value = row.metrics().get(metric).mean();
            if (items.get(row.name()).containsKey(metric) && Double.isFinite(value) && value > bestValue) {
                best = row.name();
                bestValue = value;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Per metric, the per-item values averaged over runs (only metrics every run has, with equal lengths). */
    private static Map<String, double[]> meanItems(List<RunRecord> runs) {
        Map<String, double[]> mean = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return mean;
        }
        for (Map.Entry<String, double[]> entry : runs.get(0).items().entrySet()) {
            int length = entry.getValue().length;
            if (!runs.stream().allMatch(r -> r.items().containsKey(entry.getKey())
                    && r.items().get(entry.getKey()).length == length)) {
                continue;
            }
            double[] sum = new double[length];
            for (RunRecord run : runs) {
                double[] values = run.items().get(entry.getKey());
                for (int i = 0; i < length; i++) {
                    sum[i] += values[i];
                }
            }
            for (int i = 0; i < length; i++) {
                sum[i] /= runs.size();
            }
            mean.put(entry.getKey(), sum);
        }
        return mean;
    }

    /** The runs' curves averaged step by step, after the base model's point at step 0. */
    private static List<CurvePoint> meanCurve(List<RunRecord> runs, CurvePoint start) {
        TreeMap<Long, Map<String, List<Double>>> byStep = new TreeMap<>();
        for (RunRecord run : runs) {
            for (CurvePoint point : run.curve()) {
                Map<String, List<Double>> values = byStep.computeIfAbsent(point.step(), k -> new LinkedHashMap<>());
                point.metrics().forEach((metric, value) -> values.computeIfAbsent(metric, k -> new ArrayList<>())
                        .add(value));
            }
        }
        List<CurvePoint> curve = new ArrayList<>();
        if (start != null && !byStep.containsKey(0L)) {
            curve.add(start);
        }
        byStep.forEach((step, values) -> {
            Map<String, Double> means = new LinkedHashMap<>();
            values.forEach((metric, list) -> means.put(metric, Statistic.of(list).mean()));
            curve.add(new CurvePoint(step, means));
        });
        return curve;
    }
}
