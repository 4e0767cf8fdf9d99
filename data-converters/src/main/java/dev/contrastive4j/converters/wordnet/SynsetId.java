package dev.contrastive4j.converters.wordnet;

import java.util.Comparator;
import java.util.Objects;

/**
 * Names one synset: its part of speech and its byte offset in that part of speech's data file. Ordered by
 * part of speech (noun, verb, adjective, adverb), then offset, which is the order of the data files.
 *
 * @param pos the part of speech, which says which data file the offset points into
 * @param offset the synset's byte offset in its data file
 */
public record SynsetId(PartOfSpeech pos, long offset) implements Comparable<SynsetId> {

    private static final Comparator<SynsetId> ORDER =
            Comparator.comparing(SynsetId::pos).thenComparingLong(SynsetId::offset);

    public SynsetId {
        Objects.requireNonNull(pos, "pos");
        if (offset < 0) {
            throw new IllegalArgumentException("a synset offset is never negative, found " + offset);
        }
    }

    @Override
    public int compareTo(SynsetId other) {
        return ORDER.compare(this, other);
    }

    /** The usual short form, e.g. {@code n00001740}. */
    @Override
    public String toString() {
        return pos.symbol() + String.format("%08d", offset);
    }
}
