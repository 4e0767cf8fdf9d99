package dev.contrastive4j.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link Comparison} produced; the same is on disk in {@code folder} ({@code report.html}, {@code report.md},
 * {@code results.csv}, {@code results.json}, one {@code result.json} per run).
 *
 * @param folder the comparison's folder
 * @param records the base model's record first, then each configuration's records in plan and seed order
 * @param summary each configuration's mean, spread and paired-bootstrap difference from the best
 * @param report the report model, which renders the tables
 */
public record ComparisonResult(Path folder, List<RunRecord> records, ComparisonSummary summary,
        ComparisonReport report) {

    public ComparisonResult {
        records = List.copyOf(records);
    }
}
