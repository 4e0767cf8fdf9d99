package dev.contrastive4j.data;

/**
 * How to read a data file. Start from {@link #defaults()} and change what you need:
 * {@code ReadOptions.defaults().withMapping("anchor=question,positive=answer").skippingBadRows()}.
 *
 * @param fileFormat the file's syntax, or {@code null} to tell it from the file name (under a {@code .gz})
 * @param mapping which columns hold what, or {@code null} to recognise the columns by their names
 * @param skipBadRows whether a row with bad values (or a malformed CSV row, or a bad JSON line) is skipped
 *     and reported in the {@link ReadReport} rather than failing the read; problems that leave the rest of
 *     the file unreadable fail the read either way
 * @param maxRows the most examples to read; reading stops there without looking at the rest of the file
 */
public record ReadOptions(FileFormat fileFormat, ColumnMapping mapping, boolean skipBadRows, long maxRows) {

    public ReadOptions {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
    }

    /** Format from the file name, columns by name, fail on the first bad row, no row limit. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, null, false, Long.MAX_VALUE);
    }

    /** These options, reading the given syntax whatever the file name says. */
    public ReadOptions withFileFormat(FileFormat format) {
        return new ReadOptions(format, mapping, skipBadRows, maxRows);
    }

    /** These options with an explicit column mapping ({@code null}: recognise columns by name). */
    public ReadOptions withMapping(ColumnMapping columns) {
        return new ReadOptions(fileFormat, columns, skipBadRows, maxRows);
    }

    /** These options with a column mapping in the notation of {@link ColumnMapping#parse}. */
    public ReadOptions withMapping(String spec) {
        return withMapping(ColumnMapping.parse(spec));
    }

    /** These options, skipping bad rows instead of failing on them. */
    public ReadOptions skippingBadRows() {
        return new ReadOptions(fileFormat, mapping, true, maxRows);
    }

    /** These options, reading at most {@code rows} examples. */
    public ReadOptions withMaxRows(long rows) {
        return new ReadOptions(fileFormat, mapping, skipBadRows, rows);
    }
}
