package dev.contrastive4j.converters.wordnet;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The triplets of every split, each split in the builder's order (synset order, then example order).
 *
 * @param splits the triplets of each split; a split without triplets maps to an empty list
 */
public record WordNetDataset(Map<Split, List<WordNetTriplet>> splits) {

    public WordNetDataset {
        Map<Split, List<WordNetTriplet>> copy = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            copy.put(split, List.copyOf(splits.getOrDefault(split, List.of())));
        }
        splits = Collections.unmodifiableMap(copy);
    }

    public List<WordNetTriplet> triplets(Split split) {
        return splits.get(split);
    }

    /** The number of triplets over all splits. */
    public int size() {
        return splits.values().stream().mapToInt(List::size).sum();
    }
}
