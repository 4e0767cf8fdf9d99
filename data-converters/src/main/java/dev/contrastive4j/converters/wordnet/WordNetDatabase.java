package dev.contrastive4j.converters.wordnet;

import dev.contrastive4j.spi.ContrastiveException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The synsets of one WordNet, with the two look-ups the triplet builder needs: the senses of a word, and
 * the synsets that share a parent with a synset. Iteration is always in {@link SynsetId} order, so whatever
 * is built from it is reproducible.
 */
public final class WordNetDatabase {

    private final List<String> licenseLines;
    private final NavigableMap<SynsetId, Synset> synsets = new TreeMap<>();
    private final Map<SynsetId, Synset> synsetsById;
    private final Map<String, List<SynsetId>> sensesByWord;
    private final Map<SynsetId, List<SynsetId>> parentsByChild;
    private final Map<SynsetId, List<SynsetId>> childrenByParent;

    /**
     * @param licenseLines the license header of the data files, one entry per line
     * @param synsets every synset; two with the same id are an error
     */
    public WordNetDatabase(List<String> licenseLines, Collection<Synset> synsets) {
        this.licenseLines = List.copyOf(licenseLines);
        for (Synset synset : synsets) {
            if (this.synsets.putIfAbsent(synset.id(), synset) != null) {
                throw new ContrastiveException("expected each synset once in the WordNet data, found " + synset.id()
                        + " twice");
            }
        }
        this.synsetsById = new HashMap<>(this.synsets);
        // Visiting synsets in id order appends to every list in id order: no sorting needed.
        Map<String, List<SynsetId>> senses = new HashMap<>();
        Map<SynsetId, List<SynsetId>> parents = new HashMap<>();
        Map<SynsetId, List<SynsetId>> children = new HashMap<>();
        for (Synset synset : this.synsets.values()) {
            for (String word : synset.words()) {
                appendOnce(senses.computeIfAbsent(lookupKey(word), key -> new ArrayList<>(1)), synset.id());
            }
            for (SynsetId parent : parentLinks(synset)) {
                List<SynsetId> ofChild = parents.computeIfAbsent(synset.id(), key -> new ArrayList<>(1));
                if (!ofChild.contains(parent)) {
                    ofChild.add(parent);
                }
                appendOnce(children.computeIfAbsent(parent, key -> new ArrayList<>()), synset.id());
            }
        }
        this.sensesByWord = Collections.unmodifiableMap(senses);
        this.parentsByChild = Collections.unmodifiableMap(parents);
        this.childrenByParent = Collections.unmodifiableMap(children);
    }

    /** The license header of the data files, one entry per line, as WordNet requires it to be passed on. */
    public List<String> licenseLines() {
        return licenseLines;
    }

    /** Every synset, in {@link SynsetId} order. */
    public Collection<Synset> synsets() {
        return Collections.unmodifiableCollection(synsets.values());
    }

    public Optional<Synset> synset(SynsetId id) {
        return Optional.ofNullable(synsetsById.get(id));
    }

    public int size() {
        return synsets.size();
    }

    /** Every synset that contains the word, of any part of speech, ignoring case, in {@link SynsetId} order. */
    public List<SynsetId> senses(String word) {
        return Collections.unmodifiableList(sensesByWord.getOrDefault(lookupKey(word), List.of()));
    }

    /**
     * The synsets that share a parent with this one (co-hyponyms), without itself, in {@link SynsetId} order.
     * A parent is a hypernym ({@code @}) or instance hypernym ({@code @i}) for nouns and verbs, and the head
     * adjective ({@code &} from a satellite) for adjective satellites.
     */
    public List<SynsetId> siblings(SynsetId id) {
        List<SynsetId> parents = parentsByChild.getOrDefault(id, List.of());
        if (parents.size() == 1) {
            // The common case needs no merging: one parent's children are already in order.
            List<SynsetId> children = childrenByParent.getOrDefault(parents.get(0), List.of());
            List<SynsetId> siblings = new ArrayList<>(children.size());
            for (SynsetId child : children) {
                if (!child.equals(id)) {
                    siblings.add(child);
                }
            }
            return siblings;
        }
        TreeSet<SynsetId> siblings = new TreeSet<>();
        for (SynsetId parent : parents) {
            siblings.addAll(childrenByParent.getOrDefault(parent, List.of()));
        }
        siblings.remove(id);
        return List.copyOf(siblings);
    }

    private static List<SynsetId> parentLinks(Synset synset) {
        List<SynsetId> parents = new ArrayList<>(synset.targets(Pointer.HYPERNYM));
        parents.addAll(synset.targets(Pointer.INSTANCE_HYPERNYM));
        if (synset.satellite()) {
            parents.addAll(synset.targets(Pointer.SIMILAR_TO));
        }
        return parents;
    }

    /** WordNet's index files list words in lower case, so "AD" and "ad" are one word with several senses. */
    private static String lookupKey(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    /** Appends an id unless it is already the last one (a word listed twice in one synset, ignoring case). */
    private static void appendOnce(List<SynsetId> ids, SynsetId id) {
        if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(id)) {
            ids.add(id);
        }
    }
}
