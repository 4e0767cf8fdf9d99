package dev.contrastive4j.data;

import dev.contrastive4j.data.ColumnRole.Assignment;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Which columns of a file (CSV/TSV header names, or JSON keys) hold which parts of an example.
 *
 * <p>Readers detect a mapping from the column names (see {@link ExampleReader}), or take an explicit one
 * written as {@code role=column} entries separated by commas, for instance
 * {@code anchor=question,positive=answer,negative=wrong_1,negative=wrong_2} or
 * {@code sentence1=a,sentence2=b,score=sim}. The roles are {@code anchor}, {@code positive}, {@code negative}
 * (repeatable; negatives keep the order given), {@code margin} (repeatable, triplets only: the teacher's margin per
 * negative, see {@link dev.contrastive4j.spi.Triplet#margins()}), {@code sentence1}, {@code sentence2} and
 * {@code score}.
 * Column names are matched ignoring case, and cannot contain {@code ,} or {@code =} in this notation.
 *
 * @param format the example format the columns make up
 * @param textColumns the text columns in the order of {@link dev.contrastive4j.spi.Example#texts()}:
 *     anchor, positive, negatives… for {@code TRIPLET}; anchor, positive for {@code PAIR}; sentence1,
 *     sentence2 for {@code SCORED_PAIR}. In JSONL, a negative column may hold an array of texts.
 * @param scoreColumn the score column for {@code SCORED_PAIR}, otherwise {@code null}
 * @param marginColumns for {@code TRIPLET}, the columns of the teacher's margins: empty (no margins), one per
 *     negative column in the same order, or (in JSONL) one column holding a number per negative or an array
 */
public record ColumnMapping(DataFormat format, List<String> textColumns, String scoreColumn,
        List<String> marginColumns) {

    private static final String SYNTAX = "expected role=column entries separated by commas, with the roles "
            + "anchor, positive, negative (repeatable), margin (repeatable) or sentence1, sentence2, score";

    public ColumnMapping {
        Objects.requireNonNull(format, "format");
        textColumns = List.copyOf(textColumns);
        marginColumns = List.copyOf(marginColumns);
        if (!marginColumns.isEmpty() && format != DataFormat.TRIPLET) {
            throw new IllegalArgumentException("margin columns " + marginColumns + " need triplets (anchor, positive "
                    + "and negatives), got " + format.cliName());
        }
        int negativeColumns = textColumns.size() - 2;
        if (marginColumns.size() > 1 && marginColumns.size() != negativeColumns) {
            throw new IllegalArgumentException("expected one margin column per negative column (" + negativeColumns
                    + "), got " + marginColumns.size() + ": " + marginColumns);
        }
        boolean sizeFits = format == DataFormat.TRIPLET ? textColumns.size() >= 3 : textColumns.size() == 2;
        if (!sizeFits) {
            throw new IllegalArgumentException(format + " cannot have the " + textColumns.size() + " text columns "
                    + textColumns);
        }
        if ((format == DataFormat.SCORED_PAIR) != (scoreColumn != null)) {
            throw new IllegalArgumentException("a score column is required for, and only for, SCORED_PAIR");
        }
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>(textColumns);
        if (scoreColumn != null) {
            all.add(scoreColumn);
        }
        all.addAll(marginColumns);
        for (String column : all) {
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("column '" + column + "' is mapped twice");
            }
        }
    }

    /**
     * A mapping without margin columns.
     *
     * @param format the example format the columns make up
     * @param textColumns the text columns in the order of {@link dev.contrastive4j.spi.Example#texts()}
     * @param scoreColumn the score column for {@code SCORED_PAIR}, otherwise {@code null}
     */
    public ColumnMapping(DataFormat format, List<String> textColumns, String scoreColumn) {
        this(format, textColumns, scoreColumn, List.of());
    }

    /**
     * Parses a mapping such as {@code anchor=question,positive=answer,negative=wrong}.
     *
     * @throws ContrastiveException on bad syntax, an unknown role, or roles that make up no format
     */
    public static ColumnMapping parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        List<Assignment> assignments = new ArrayList<>();
        for (String entry : spec.split(",", -1)) {
            String trimmed = entry.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || equals < 0 || equals != trimmed.lastIndexOf('=')) {
                throw invalid(spec, "entry '" + trimmed + "' is not role=column; " + SYNTAX);
            }
            String role = trimmed.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String column = trimmed.substring(equals + 1).strip();
            if (column.isEmpty()) {
                throw invalid(spec, "entry '" + trimmed + "' names no column; " + SYNTAX);
            }
            assignments.add(new Assignment(roleNamed(spec, role), column));
        }
        try {
            return of(assignments);
        } catch (IllegalArgumentException e) {
            throw invalid(spec, e.getMessage());
        }
    }

    private static ColumnRole roleNamed(String spec, String role) {
        for (ColumnRole candidate : ColumnRole.values()) {
            if (candidate.key().equals(role)) {
                return candidate;
            }
        }
        throw invalid(spec, "unknown role '" + role + "'; " + SYNTAX);
    }

    private static ContrastiveException invalid(String spec, String reason) {
        return new ContrastiveException("invalid column mapping '" + spec + "': " + reason);
    }

    /**
     * Builds a mapping from columns given roles, negatives in the order listed.
     *
     * @throws IllegalArgumentException with a one-line reason when the roles make up no format
     */
    static ColumnMapping of(List<Assignment> assignments) {
        String anchor = null;
        String positive = null;
        String sentence1 = null;
        String sentence2 = null;
        String score = null;
        List<String> negatives = new ArrayList<>();
        List<String> margins = new ArrayList<>();
        boolean scored = false;
        boolean unscored = false;
        for (Assignment assignment : assignments) {
            String column = assignment.column();
            scored |= assignment.role().scored();
            unscored |= !assignment.role().scored();
            switch (assignment.role()) {
                case ANCHOR -> anchor = single(anchor, assignment);
                case POSITIVE -> positive = single(positive, assignment);
                case NEGATIVE -> negatives.add(column);
                case MARGIN -> margins.add(column);
                case SENTENCE1 -> sentence1 = single(sentence1, assignment);
                case SENTENCE2 -> sentence2 = single(sentence2, assignment);
                case SCORE -> score = single(score, assignment);
                default -> throw new IllegalStateException(assignment.role().toString());
            }
        }
        String expected = "expected anchor and positive (pair), anchor, positive and negatives (triplet), "
                + "or sentence1, sentence2 and score (scored pair)";
        if (scored && unscored) {
            throw new IllegalArgumentException(expected + ", got a mix of " + roles(assignments));
        }
        if (unscored && anchor != null && positive != null) {
            if (negatives.isEmpty() && !margins.isEmpty()) {
                throw new IllegalArgumentException("expected negatives next to the margin columns " + margins
                        + " (a margin is the teacher's score(anchor, positive) − score(anchor, negative)), got none");
            }
            List<String> texts = new ArrayList<>(List.of(anchor, positive));
            texts.addAll(negatives);
            return new ColumnMapping(negatives.isEmpty() ? DataFormat.PAIR : DataFormat.TRIPLET, texts, null, margins);
        }
        if (scored && sentence1 != null && sentence2 != null && score != null) {
            return new ColumnMapping(DataFormat.SCORED_PAIR, List.of(sentence1, sentence2), score);
        }
        throw new IllegalArgumentException(expected + ", got " + (assignments.isEmpty() ? "none" : roles(assignments)));
    }

    private static String single(String previous, Assignment assignment) {
        if (previous != null) {
            throw new IllegalArgumentException("expected one " + assignment.role().key() + " column, got '"
                    + previous + "' and '" + assignment.column() + "'");
        }
        return assignment.column();
    }

    private static String roles(List<Assignment> assignments) {
        StringJoiner joined = new StringJoiner(", ");
        assignments.forEach(a -> joined.add(a.role().key() + " ('" + a.column() + "')"));
        return joined.toString();
    }

    /** The negative columns, in order (empty unless {@code TRIPLET}). */
    public List<String> negativeColumns() {
        return format == DataFormat.TRIPLET ? textColumns.subList(2, textColumns.size()) : List.of();
    }

    /** This mapping in the notation {@link #parse} reads. */
    public String spec() {
        StringJoiner spec = new StringJoiner(",");
        if (format == DataFormat.SCORED_PAIR) {
            spec.add("sentence1=" + textColumns.get(0)).add("sentence2=" + textColumns.get(1))
                    .add("score=" + scoreColumn);
        } else {
            spec.add("anchor=" + textColumns.get(0)).add("positive=" + textColumns.get(1));
            negativeColumns().forEach(column -> spec.add("negative=" + column));
            marginColumns.forEach(column -> spec.add("margin=" + column));
        }
        return spec.toString();
    }
}
