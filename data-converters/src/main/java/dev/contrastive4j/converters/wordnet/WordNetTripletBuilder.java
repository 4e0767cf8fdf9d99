package dev.contrastive4j.converters.wordnet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds sense-disambiguation triplets from a WordNet database: the anchor is an example sentence of a
 * sense, the positive is that sense's definition, and the negative is the definition of another meaning,
 * as close as WordNet offers. Pure and deterministic: the same database and settings always give the same
 * triplets in the same order.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Anchors.</b> The quoted examples of a synset's gloss, each once per synset. An example that
 *       appears in several synsets is dropped: it would have several right definitions. Examples that
 *       mention one of the synset's words come first, and at most
 *       {@link Settings#maxExamplesPerSense()} are used per synset.</li>
 *   <li><b>Word.</b> The synset word the example mentions ({@link WordMention}); among several, or when it
 *       mentions none, the first one in synset order that has another sense, else the first one.</li>
 *   <li><b>Negative.</b> Candidates come in {@link NegativeKind} order: the word's other senses of the same
 *       part of speech, its other senses of other parts of speech, the synset's antonyms, its co-hyponyms.
 *       Candidates whose definition equals the positive, or whose split the {@link DefinitionSplit} rule
 *       does not admit, are dropped; the first kind with a candidate left wins, and among its candidates a
 *       seeded hash of (synset, example) picks one. No candidate left: no triplet.</li>
 *   <li><b>Split.</b> Each triplet goes to its positive's split ({@link DefinitionSplit}).</li>
 * </ul>
 */
public final class WordNetTripletBuilder {

    /**
     * @param seed drives the split assignment and the choice among negative candidates
     * @param maxExamplesPerSense the most example sentences used per synset (at least 1)
     */
    public record Settings(long seed, int maxExamplesPerSense) {

        /** The settings of the bundled dataset in {@code data/wordnet-senses}. */
        public static final Settings DEFAULT = new Settings(42, 3);

        public Settings {
            if (maxExamplesPerSense < 1) {
                throw new IllegalArgumentException("maxExamplesPerSense must be at least 1, found " + maxExamplesPerSense);
            }
        }
    }

    private final Settings settings;
    private final Function<String, Split> splitOfDefinition;

    /** A builder that splits by {@link DefinitionSplit} with the settings' seed. */
    public WordNetTripletBuilder(Settings settings) {
        this(settings, new DefinitionSplit(settings.seed())::of);
    }

    /** A builder with a given split assignment, so that tests can place definitions where they need them. */
    WordNetTripletBuilder(Settings settings, Function<String, Split> splitOfDefinition) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.splitOfDefinition = Objects.requireNonNull(splitOfDefinition, "splitOfDefinition");
    }

    public Settings settings() {
        return settings;
    }

    public WordNetDataset build(WordNetDatabase database) {
        HardNegativeCandidates candidates = new HardNegativeCandidates(database);
        Map<String, Integer> synsetsPerExample = synsetsPerExample(database);
        Map<SynsetId, Split> splitOfSynset = splitOfEverySynset(database);
        Map<Split, List<WordNetTriplet>> splits = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            splits.put(split, new ArrayList<>());
        }
        for (Synset sense : database.synsets()) {
            Split split = splitOfSynset.get(sense.id());
            if (split == null) {
                continue; // no definition
            }
            for (String anchor : anchors(sense, synsetsPerExample)) {
                String word = wordFor(sense, anchor, database);
                negativeFor(sense, word, anchor, split, candidates, splitOfSynset)
                        .map(negative -> new WordNetTriplet(sense.id(), word, anchor, sense.gloss().definition(),
                                negative.synset().id(), negative.kind(), negative.synset().gloss().definition()))
                        .ifPresent(splits.get(split)::add);
            }
        }
        return new WordNetDataset(splits);
    }

    /** Hashing each definition once; synsets without a definition get no split and take no part. */
    private Map<SynsetId, Split> splitOfEverySynset(WordNetDatabase database) {
        Map<SynsetId, Split> splits = new HashMap<>();
        for (Synset synset : database.synsets()) {
            if (!synset.gloss().definition().isBlank()) {
                splits.put(synset.id(), splitOfDefinition.apply(synset.gloss().definition()));
            }
        }
        return splits;
    }

    private static Map<String, Integer> synsetsPerExample(WordNetDatabase database) {
        Map<String, Integer> counts = new HashMap<>();
        for (Synset synset : database.synsets()) {
            for (String example : new LinkedHashSet<>(synset.gloss().examples())) {
                counts.merge(example, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The synset's own examples, those that mention one of its words first, capped. */
    private List<String> anchors(Synset sense, Map<String, Integer> synsetsPerExample) {
        List<String> mentioning = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String example : new LinkedHashSet<>(sense.gloss().examples())) {
            if (synsetsPerExample.get(example) != 1) {
                continue;
            }
            boolean mentions = sense.words().stream().anyMatch(word -> WordMention.mentions(example, word));
            (mentions ? mentioning : others).add(example);
        }
        mentioning.addAll(others);
        return mentioning.subList(0, Math.min(mentioning.size(), settings.maxExamplesPerSense()));
    }

    private static String wordFor(Synset sense, String example, WordNetDatabase database) {
        List<String> mentioned = sense.words().stream().filter(word -> WordMention.mentions(example, word)).toList();
        List<String> pool = mentioned.isEmpty() ? sense.words() : mentioned;
        return pool.stream()
                .filter(word -> database.senses(word).size() > 1)
                .findFirst()
                .orElse(pool.get(0));
    }

    private Optional<Negative> negativeFor(Synset sense, String word, String anchor, Split split,
            HardNegativeCandidates candidates, Map<SynsetId, Split> splitOfSynset) {
        String positive = sense.gloss().definition();
        for (NegativeKind kind : NegativeKind.values()) {
            List<Synset> admitted = candidates.of(kind, sense, word).stream()
                    .filter(candidate -> splitOfSynset.containsKey(candidate.id()))
                    .filter(candidate -> !candidate.gloss().definition().equals(positive))
                    .filter(candidate -> DefinitionSplit.admitsNegative(split, splitOfSynset.get(candidate.id())))
                    .toList();
            if (!admitted.isEmpty()) {
                int choice = StableHash.index(settings.seed(), sense.id() + "\u0000" + anchor, admitted.size());
                return Optional.of(new Negative(kind, admitted.get(choice)));
            }
        }
        return Optional.empty();
    }

    private record Negative(NegativeKind kind, Synset synset) {}
}
