package dev.contrastive4j.data;

import java.util.Locale;

/** What a column holds for an example: the roles of {@link ColumnMapping}. */
enum ColumnRole {
    ANCHOR,
    POSITIVE,
    NEGATIVE,
    SENTENCE1,
    SENTENCE2,
    SCORE,
    /** A teacher's margin per negative, for triplets (see {@link dev.contrastive4j.spi.Triplet#margins()}). */
    MARGIN;

    /** The role's name in a mapping specification ({@code anchor}). */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the role belongs to scored pairs rather than to pairs and triplets. */
    boolean scored() {
        return this == SENTENCE1 || this == SENTENCE2 || this == SCORE;
    }

    /** One column given a role, as a mapping lists them. */
    record Assignment(ColumnRole role, String column) {
    }
}
