package dev.contrastive4j.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table whose columns are padded to line up, so that the same text reads well in a terminal and
 * renders as a table on a Markdown page. Pipes inside cells are escaped.
 */
public final class MarkdownTable {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param header the column titles
     * @param rightAligned per column, whether its cells align right (numbers)
     */
    MarkdownTable(List<String> header, boolean... rightAligned) {
        if (rightAligned.length != header.size()) {
            throw new IllegalArgumentException(header.size() + " columns, " + rightAligned.length + " alignments");
        }
        this.header = List.copyOf(header);
        this.rightAligned = rightAligned.clone();
    }

    MarkdownTable add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + header.size()
                    + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The column titles. */
    List<String> header() {
        return header;
    }

    /** The cells, row by row, as given (not escaped). */
    List<List<String>> rows() {
        return rows;
    }

    /** Whether a column aligns right. */
    boolean rightAligned(int column) {
        return rightAligned[column];
    }

    /** The table, one line per row, each ending in a line break. */
    public String render() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(3, escape(header.get(c)).length());
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], escape(row.get(c)).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, header, widths);
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            rule.add(rightAligned[c] ? "-".repeat(widths[c] - 1) + ":" : "-".repeat(widths[c]));
        }
        text.append("| ").append(String.join(" | ", rule)).append(" |\n");
        for (List<String> row : rows) {
            line(text, row, widths);
        }
        return text.toString();
    }

    private void line(StringBuilder text, List<String> cells, int[] widths) {
        text.append('|');
        for (int c = 0; c < widths.length; c++) {
            String cell = escape(cells.get(c));
            String padding = " ".repeat(widths[c] - cell.length());
            text.append(' ').append(rightAligned[c] ? padding + cell : cell + padding).append(" |");
        }
        text.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
