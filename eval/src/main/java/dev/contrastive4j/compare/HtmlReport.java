package dev.contrastive4j.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.html}: the comparison on one self-contained page — the tables of {@code report.md}, a
 * learning-curve chart per metric (the test subset, every configuration as a line, the base model as a dashed
 * line) and a bar chart per metric (the whole test set, ± the standard deviation over seeds). Inline SVG and
 * CSS only: no script, no network, nothing outside the file. The page is well-formed XML.
 */
final class HtmlReport {

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto;
                   max-width: 1120px; color: #222; padding: 0 1em; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
            th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
            th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.failed td { color: #a33; } td.status { min-width: 14em; max-width: 30em; }
            .charts { display: flex; flex-wrap: wrap; gap: 12px; }
            svg.chart { background: #fff; border: 1px solid #e4e4e4; }
            svg .chart-title { font-size: 15px; font-weight: 600; fill: #222; }
            svg .axis-title, svg .legend, svg .label { font-size: 12px; fill: #333; }
            svg .tick, svg .value { font-size: 11px; fill: #555; }
            svg .note { font-size: 11px; fill: #888; font-style: italic; }
            svg .grid { stroke: #eee; stroke-width: 1; }
            svg .axis { stroke: #999; stroke-width: 1; }
            p.note { color: #555; font-size: 0.9em; }
            """;

    private final ComparisonReport report;

    HtmlReport(ComparisonReport report) {
        this.report = report;
    }

    String render() {
        ComparisonSummary summary = report.summary();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>Loss comparison</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>Loss comparison</h1>\n<ul>\n");
        for (String line : report.setup()) {
            html.append("<li>").append(inlineCode(line)).append("</li>\n");
        }
        html.append("</ul>\n<h2>Results on the whole test set</h2>\n");
        table(html, report.mainTable(), true);
        html.append("<p class=\"note\">Mean over seeds, ± the standard deviation where there are several. train s:"
                + " seconds spent in updates (evaluations and checkpoints not counted); ")
                .append(SvgChart.escape(report.throughputTitle()))
                .append(": training rows per second of update time.</p>\n");
        if (!summary.best().isEmpty()) {
            html.append("<h2>Difference from the best (paired bootstrap over test items, 95 %)</h2>\n");
            table(html, report.differenceTable(), false);
            html.append("<p class=\"note\">Each row minus the best row, item by item; yes: the 95 % interval"
                    + " excludes 0.</p>\n");
        }
        html.append("<h2>Learning curves (test subset of ").append(report.plan().curveSize())
                .append(" examples)</h2>\n<div class=\"charts\">\n");
        for (String metric : summary.metrics()) {
            html.append(learningCurve(summary, metric));
        }
        html.append("</div>\n<h2>Metrics on the whole test set</h2>\n<div class=\"charts\">\n");
        for (String metric : summary.metrics()) {
            html.append(barChart(summary, metric));
        }
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String learningCurve(ComparisonSummary summary, String metric) {
        double reference = Double.NaN;
        List<SvgChart.Series> series = new ArrayList<>();
        int index = 0;
        for (ComparisonSummary.Row row : summary.rows()) {
            if (row.isBase()) {
                reference = row.curve().isEmpty() ? Double.NaN
                        : row.curve().get(0).metrics().getOrDefault(metric, Double.NaN);
                continue;
            }
            String colour = SvgChart.colour(index++);
            if (!row.hasResults()) {
                continue;
            }
            long[] steps = new long[row.curve().size()];
            double[] values = new double[steps.length];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = row.curve().get(i).step();
                values[i] = row.curve().get(i).metrics().getOrDefault(metric, Double.NaN);
            }
            series.add(new SvgChart.Series(row.name(), colour, steps, values));
        }
        return SvgChart.lines(metric + " during training", metric + " (test subset)", reference, series);
    }

    private static String barChart(ComparisonSummary summary, String metric) {
        List<SvgChart.Bar> bars = new ArrayList<>();
        int index = 0;
        for (ComparisonSummary.Row row : summary.rows()) {
            String colour = row.isBase() ? SvgChart.BASE_COLOUR : SvgChart.colour(index++);
            ComparisonSummary.Statistic statistic = row.metrics().get(metric);
            bars.add(new SvgChart.Bar(row.isBase() ? "base (untrained)" : row.name(),
                    row.hasResults() ? statistic.mean() : Double.NaN, statistic.std(), colour));
        }
        return SvgChart.bars(metric + " (whole test set)", bars);
    }

    /**
     * An HTML table; with {@code markFailures}, the last column is the status, and rows whose status is not "ok"
     * are marked.
     */
    private static void table(StringBuilder html, MarkdownTable table, boolean markFailures) {
        html.append("<table>\n<thead><tr>");
        for (String title : table.header()) {
            html.append("<th>").append(SvgChart.escape(title)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            boolean failed = markFailures && !row.get(row.size() - 1).equals("ok");
            html.append(failed ? "<tr class=\"failed\">" : "<tr>");
            for (int c = 0; c < row.size(); c++) {
                String cssClass = table.rightAligned(c) ? " class=\"num\""
                        : markFailures && c == row.size() - 1 ? " class=\"status\"" : "";
                html.append("<td").append(cssClass).append('>').append(SvgChart.escape(row.get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Escapes a line and turns its {@code `code`} spans into {@code <code>} elements. */
    private static String inlineCode(String line) {
        String[] parts = line.split("`", -1);
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String escaped = SvgChart.escape(parts[i]);
            html.append(i % 2 == 1 && i < parts.length - 1 ? "<code>" + escaped + "</code>" : escaped);
        }
        return html.toString();
    }
}
