package dev.contrastive4j.converters.wordnet;

import java.util.Arrays;
import java.util.List;

/** Hand-built synsets for builder tests: ids like {@code n1}, {@code v3}, {@code a10}, {@code s30} (satellite). */
final class TinyWordNet {

    private TinyWordNet() {}

    /**
     * @param id part-of-speech letter (n, v, a, s, r) and offset
     * @param words the synset's words, separated by {@code |}
     * @param gloss the gloss as WordNet writes it: definition, then {@code ; "example"} parts
     */
    static Synset synset(String id, String words, String gloss, Pointer... pointers) {
        return new Synset(id(id), id.charAt(0) == 's', List.of(words.split("\\|")), Arrays.asList(pointers),
                Gloss.parse(gloss));
    }

    static Pointer pointer(String symbol, String target) {
        return new Pointer(symbol, id(target), 0, 0);
    }

    static SynsetId id(String id) {
        PartOfSpeech pos = PartOfSpeech.fromSymbol(id.charAt(0)).orElseThrow();
        return new SynsetId(pos, Long.parseLong(id.substring(1)));
    }

    static WordNetDatabase database(Synset... synsets) {
        return new WordNetDatabase(List.of("a license line"), Arrays.asList(synsets));
    }
}
