package dev.contrastive4j.converters.wordnet;

import java.util.List;
import java.util.Objects;

/**
 * One WordNet synset: a set of words that share one meaning, with its relations and its gloss.
 *
 * @param id the part of speech and data-file offset
 * @param satellite whether this is an adjective satellite ({@code s}), which has a head adjective instead
 *     of antonyms
 * @param words the words as readers write them: underscores turned into spaces, adjective position
 *     markers such as {@code (p)} removed, case kept (e.g. {@code take a breath}, {@code AD})
 * @param pointers the relations to other synsets, in data-line order
 * @param gloss the definition and example sentences
 */
public record Synset(SynsetId id, boolean satellite, List<String> words, List<Pointer> pointers, Gloss gloss) {

    public Synset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gloss, "gloss");
        words = List.copyOf(words);
        pointers = List.copyOf(pointers);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("synset " + id + " has no words");
        }
    }

    /** The synsets this one points to with the given relation symbol, in data-line order. */
    public List<SynsetId> targets(String pointerSymbol) {
        return pointers.stream().filter(p -> p.symbol().equals(pointerSymbol)).map(Pointer::target).toList();
    }
}
