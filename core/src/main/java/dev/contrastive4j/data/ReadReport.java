package dev.contrastive4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a read produced: how many examples, how many bad rows were skipped, and why the first ones were.
 *
 * @param file the file read
 * @param rowsRead the examples delivered
 * @param rowsSkipped the bad rows skipped (only with {@link ReadOptions#skipBadRows()})
 * @param firstProblems the problems of the first {@value #MAX_PROBLEMS} skipped rows, in file order
 */
public record ReadReport(Path file, long rowsRead, long rowsSkipped, List<DataFormatException> firstProblems) {

    /** How many skipped rows' problems a report keeps. */
    public static final int MAX_PROBLEMS = 5;

    public ReadReport {
        Objects.requireNonNull(file, "file");
        firstProblems = List.copyOf(firstProblems);
    }

    /**
     * One line per fact, for logs and the command line: the counts, then the first problems, e.g.
     * {@code read 998 rows of train.csv, skipped 2 bad rows:} followed by {@code   train.csv:5: …}.
     */
    public String summary() {
        String counts = "read " + rowsRead + " rows of " + file;
        if (rowsSkipped == 0) {
            return counts;
        }
        String more = rowsSkipped > firstProblems.size() ? System.lineSeparator() + "  (and "
                + (rowsSkipped - firstProblems.size()) + " more)" : "";
        return counts + ", skipped " + rowsSkipped + " bad rows:" + System.lineSeparator()
                + firstProblems.stream().map(p -> "  " + p.getMessage())
                        .collect(Collectors.joining(System.lineSeparator()))
                + more;
    }
}
