package dev.contrastive4j.converters.wordnet;

import dev.contrastive4j.spi.Triplet;
import java.util.Objects;

/**
 * One example sentence with its sense's definition and a hard negative definition, plus where each came
 * from. Only {@link #anchor}, {@link #positive} and {@link #negative} are written to the dataset files.
 *
 * @param sense the synset whose example is the anchor and whose definition is the positive
 * @param word the word of that synset the anchor is taken to illustrate
 * @param anchor an example sentence of the sense
 * @param positive the sense's definition
 * @param negativeSense the synset whose definition is the negative
 * @param negativeKind how the negative relates to the sense
 * @param negative the negative synset's definition
 */
public record WordNetTriplet(
        SynsetId sense,
        String word,
        String anchor,
        String positive,
        SynsetId negativeSense,
        NegativeKind negativeKind,
        String negative) {

    public WordNetTriplet {
        Objects.requireNonNull(sense, "sense");
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(negativeSense, "negativeSense");
        Objects.requireNonNull(negativeKind, "negativeKind");
        Objects.requireNonNull(negative, "negative");
    }

    /** The training row: anchor, positive, one negative. */
    public Triplet toTriplet() {
        return new Triplet(anchor, positive, negative);
    }
}
