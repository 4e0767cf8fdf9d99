package dev.contrastive4j.data;

import dev.contrastive4j.data.ColumnRole.Assignment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Matches a file's column names to a {@link ColumnMapping}: by their names, or by an explicit mapping. */
final class ColumnResolver {

    private static final Pattern NUMBERED_NEGATIVE = Pattern.compile("(?:negative|neg)_([1-9][0-9]{0,8})");
    private static final Pattern NUMBERED_LABEL = Pattern.compile("(?:label|score|margin)_([1-9][0-9]{0,8})");
    private static final String RECOGNISED = "anchor, query, positive, pos, negative, neg, negatives, "
            + "negative_<n>, neg_<n>, sentence1, sentence2, score, label, margin, label_<n>, score_<n>, margin_<n>";

    private final Path file;
    private final long headerLine;
    private final List<String> header;

    private ColumnResolver(Path file, long headerLine, List<String> header) {
        this.file = file;
        this.headerLine = headerLine;
        this.header = header;
    }

    /**
     * The mapping for a file with these column names, in the file's own spelling of them.
     *
     * @param explicit the caller's mapping, or {@code null} to recognise the columns by name
     * @throws DataFormatException for duplicate names, names that are not recognised, or a mapping that
     *     names a column the file lacks
     */
    static ColumnMapping resolve(Path file, long headerLine, List<String> header, ColumnMapping explicit) {
        ColumnResolver resolver = new ColumnResolver(file, headerLine, header);
        resolver.requireDistinctNames();
        return explicit == null ? resolver.detect() : resolver.apply(explicit);
    }

    private void requireDistinctNames() {
        Map<String, String> seen = new HashMap<>();
        for (String name : header) {
            String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (previous != null) {
                throw error(name, "expected distinct column names, got '" + previous + "' and '" + name + "'");
            }
        }
    }

    private ColumnMapping apply(ColumnMapping explicit) {
        List<String> texts = new ArrayList<>();
        for (String column : explicit.textColumns()) {
            texts.add(find(column));
        }
        String score = explicit.scoreColumn() == null ? null : find(explicit.scoreColumn());
        List<String> margins = new ArrayList<>();
        for (String column : explicit.marginColumns()) {
            margins.add(find(column));
        }
        return new ColumnMapping(explicit.format(), texts, score, margins);
    }

    private String find(String column) {
        for (String name : header) {
            if (name.equalsIgnoreCase(column)) {
                return name;
            }
        }
        throw error(column, "named by the column mapping, but the file's columns are only " + header);
    }

    private ColumnMapping detect() {
        List<Assignment> assignments = new ArrayList<>();
        List<NumberedNegative> negatives = new ArrayList<>();
        // score/label/margin columns: a scored pair's score, or, next to triplet texts, the teacher's margins.
        List<NumberedNegative> labels = new ArrayList<>();
        for (String name : header) {
            String key = name.toLowerCase(Locale.ROOT);
            Matcher numbered = NUMBERED_NEGATIVE.matcher(key);
            Matcher numberedLabel = NUMBERED_LABEL.matcher(key);
            switch (key) {
                case "anchor", "query" -> assignments.add(new Assignment(ColumnRole.ANCHOR, name));
                case "positive", "pos" -> assignments.add(new Assignment(ColumnRole.POSITIVE, name));
                case "negative", "neg", "negatives" -> negatives.add(new NumberedNegative(0, name));
                case "sentence1" -> assignments.add(new Assignment(ColumnRole.SENTENCE1, name));
                case "sentence2" -> assignments.add(new Assignment(ColumnRole.SENTENCE2, name));
                case "score", "label", "margin" -> labels.add(new NumberedNegative(0, name));
                default -> {
                    if (numbered.matches()) {
                        negatives.add(new NumberedNegative(Integer.parseInt(numbered.group(1)), name));
                    } else if (numberedLabel.matches()) {
                        labels.add(new NumberedNegative(Integer.parseInt(numberedLabel.group(1)), name));
                    } else {
                        throw error(name, "expected one of the recognised column names " + RECOGNISED
                                + ", got an unknown one (or give an explicit column mapping)");
                    }
                }
            }
        }
        inOrder(negatives, "negative").forEach(n -> assignments.add(new Assignment(ColumnRole.NEGATIVE, n.column())));
        // Margins go with triplets; anchor and positive alone still read them, to say that negatives are missing.
        boolean triplet = !negatives.isEmpty()
                || assignments.stream().anyMatch(a -> a.role() == ColumnRole.ANCHOR)
                        && assignments.stream().anyMatch(a -> a.role() == ColumnRole.POSITIVE);
        if (triplet) {
            inOrder(labels, "margin").forEach(m -> assignments.add(new Assignment(ColumnRole.MARGIN, m.column())));
        } else {
            for (NumberedNegative label : labels) {
                if (label.number() != 0 || label.column().equalsIgnoreCase("margin")) {
                    throw error(label.column(), "expected margins ('" + label.column() + "') only in a triplet file,"
                            + " next to anchor, positive and negative columns");
                }
                assignments.add(new Assignment(ColumnRole.SCORE, label.column()));
            }
        }
        try {
            return ColumnMapping.of(assignments);
        } catch (IllegalArgumentException e) {
            throw error(null, e.getMessage() + " (or give an explicit column mapping)");
        }
    }

    /** The numbered columns sorted by number; the same number twice is an error. */
    private List<NumberedNegative> inOrder(List<NumberedNegative> columns, String what) {
        columns.sort(Comparator.comparingInt(NumberedNegative::number));
        for (int i = 1; i < columns.size(); i++) {
            if (columns.get(i).number() == columns.get(i - 1).number()) {
                throw error(columns.get(i).column(), "expected each " + what + " once, got the same " + what
                        + " as in '" + columns.get(i - 1).column() + "'");
            }
        }
        return columns;
    }

    private DataFormatException error(String column, String reason) {
        return new DataFormatException(file, headerLine, column, reason);
    }

    /**
     * A negative (or margin) column and its position among them ({@code negative_2} is 2, {@code negative} 0).
     */
    private record NumberedNegative(int number, String column) {
    }
}
