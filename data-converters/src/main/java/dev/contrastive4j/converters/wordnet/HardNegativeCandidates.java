package dev.contrastive4j.converters.wordnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Lists the synsets that could serve as a hard negative for one sense of a word, grouped by
 * {@link NegativeKind}, hardest first: the word's other senses of the same part of speech, its other senses
 * of other parts of speech, the sense's antonyms, and its co-hyponyms. Each group is in {@link SynsetId}
 * order and never contains the sense itself.
 */
final class HardNegativeCandidates {

    private final WordNetDatabase database;

    HardNegativeCandidates(WordNetDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** The candidates of one kind; the builder asks kind by kind, hardest first, and stops at the first it can use. */
    List<Synset> of(NegativeKind kind, Synset sense, String word) {
        return switch (kind) {
            case SAME_WORD_SAME_POS -> resolved(otherSenses(sense, word, true), sense);
            case SAME_WORD_OTHER_POS -> resolved(otherSenses(sense, word, false), sense);
            case ANTONYM -> resolved(new TreeSet<>(sense.targets(Pointer.ANTONYM)), sense);
            case CO_HYPONYM -> resolved(database.siblings(sense.id()), sense);
        };
    }

    private List<SynsetId> otherSenses(Synset sense, String word, boolean samePartOfSpeech) {
        List<SynsetId> others = new ArrayList<>();
        for (SynsetId other : database.senses(word)) {
            if ((other.pos() == sense.id().pos()) == samePartOfSpeech) {
                others.add(other);
            }
        }
        return others;
    }

    /** Pointers to synsets the database lacks are skipped, so a partial database still yields what it can. */
    private List<Synset> resolved(Iterable<SynsetId> ids, Synset sense) {
        List<Synset> synsets = new ArrayList<>();
        for (SynsetId id : ids) {
            if (!id.equals(sense.id())) {
                database.synset(id).ifPresent(synsets::add);
            }
        }
        return synsets;
    }
}
