package dev.contrastive4j.converters.wordnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordNetDataParserTest {

    private final WordNetDataParser parser = new WordNetDataParser();

    @Test
    void parsesNounLineWithPointersAndGloss() {
        Synset synset = parser.parse("00002137 03 n 02 abstraction 0 abstract_entity 0 002 @ 00001740 n 0000"
                + " ~ 00023280 n 0000 | a general concept formed by extracting common features from specific examples  ",
                "data.noun", 31);

        assertThat(synset.id()).isEqualTo(new SynsetId(PartOfSpeech.NOUN, 2137));
        assertThat(synset.satellite()).isFalse();
        assertThat(synset.words()).containsExactly("abstraction", "abstract entity");
        assertThat(synset.pointers()).containsExactly(
                new Pointer("@", new SynsetId(PartOfSpeech.NOUN, 1740), 0, 0),
                new Pointer("~", new SynsetId(PartOfSpeech.NOUN, 23280), 0, 0));
        assertThat(synset.gloss().definition())
                .isEqualTo("a general concept formed by extracting common features from specific examples");
        assertThat(synset.gloss().examples()).isEmpty();
    }

    @Test
    void readsWordCountAndLexicalIdsAsHexadecimal() {
        // 0a = 10 words; lexical ids may be hexadecimal digits too.
        String line = "00000010 03 n 0a w1 0 w2 1 w3 2 w4 3 w5 4 w6 5 w7 6 w8 7 w9 8 w10 a 000 | ten words";

        Synset synset = parser.parse(line, "data.noun", 1);

        assertThat(synset.words()).containsExactly("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10");
        assertThat(synset.gloss().definition()).isEqualTo("ten words");
    }

    @Test
    void stripsAdjectivePositionMarkersAndTurnsUnderscoresIntoSpaces() {
        Synset synset = parser.parse("00002098 00 a 04 able(a) 0 able_to(p) 0 galore(ip) 0 take_a_breath 0 000"
                + " | (usually followed by `to') having the necessary means", "data.adj", 40);

        assertThat(synset.words()).containsExactly("able", "able to", "galore", "take a breath");
    }

    @Test
    void adjectiveSatelliteIsAnAdjectiveMarkedAsSatellite() {
        Synset synset = parser.parse("00014377 00 s 02 abounding 0 galore(ip) 0 001 & 00013906 a 0000"
                + " | existing in abundance; \"abounding confidence\"; \"whiskey galore\"  ", "data.adj", 77);

        assertThat(synset.id()).isEqualTo(new SynsetId(PartOfSpeech.ADJECTIVE, 14377));
        assertThat(synset.satellite()).isTrue();
        assertThat(synset.targets(Pointer.SIMILAR_TO)).containsExactly(new SynsetId(PartOfSpeech.ADJECTIVE, 13906));
        assertThat(synset.gloss().examples()).containsExactly("abounding confidence", "whiskey galore");
    }

    @Test
    void readsPointerSourceAndTargetAsTwoHexadecimalWordNumbers() {
        Synset synset = parser.parse("00002098 00 a 01 able 0 002 ! 00002312 a 0a0b \\ 00001234 r 0000 | able",
                "data.adj", 3);

        Pointer antonym = synset.pointers().get(0);
        assertThat(antonym.symbol()).isEqualTo("!");
        assertThat(antonym.target()).isEqualTo(new SynsetId(PartOfSpeech.ADJECTIVE, 2312));
        assertThat(antonym.sourceWord()).isEqualTo(10);
        assertThat(antonym.targetWord()).isEqualTo(11);
        assertThat(antonym.isLexical()).isTrue();
        assertThat(synset.pointers().get(1).target()).isEqualTo(new SynsetId(PartOfSpeech.ADVERB, 1234));
        assertThat(synset.pointers().get(1).isLexical()).isFalse();
    }

    @Test
    void skipsVerbFramesBeforeTheGloss() {
        Synset synset = parser.parse("00001740 29 v 02 breathe 0 respire 0 002 $ 00002325 v 0000 @ 02112831 v 0000"
                + " 02 + 02 00 + 08 01 | draw air into, and expel out of, the lungs;"
                + " \"I can breathe better when the air is clean\"; \"The patient is respiring\"  ", "data.verb", 30);

        assertThat(synset.id()).isEqualTo(new SynsetId(PartOfSpeech.VERB, 1740));
        assertThat(synset.pointers()).hasSize(2);
        assertThat(synset.gloss().definition()).isEqualTo("draw air into, and expel out of, the lungs");
        assertThat(synset.gloss().examples())
                .containsExactly("I can breathe better when the air is clean", "The patient is respiring");
    }

    @Test
    void keepsSemicolonsInsideExamplesAndDropsAttributions() {
        Synset synset = parser.parse("07318452 04 n 01 vengeance 0 000 | the act of taking revenge;"
                + " \"Vengeance is mine; I will repay, saith the Lord\"--Romans 12:19; \"he swore vengeance\"",
                "data.noun", 12);

        assertThat(synset.gloss().definition()).isEqualTo("the act of taking revenge");
        assertThat(synset.gloss().examples())
                .containsExactly("Vengeance is mine; I will repay, saith the Lord", "he swore vengeance");
    }

    @Test
    void recognisesLicenseHeaderLines() {
        assertThat(WordNetDataParser.isLicenseLine("  1 This software and database is being provided to you  "))
                .isTrue();
        assertThat(WordNetDataParser.isLicenseLine("  5   ")).isTrue();
        assertThat(WordNetDataParser.isLicenseLine("00001740 03 n 01 entity 0 000 | that which")).isFalse();
    }

    @Test
    void malformedWordCountNamesFileLineAndColumn() {
        assertThatThrownBy(() -> parser.parse("00001740 03 n zz entity 0 000 | x", "data.noun", 7))
                .isInstanceOf(WordNetFormatException.class)
                .hasMessage("data.noun line 7, column 15: expected a word count (2 hexadecimal digits), found 'zz'");
    }

    @Test
    void missingGlossSeparatorNamesWhatWasFound() {
        assertThatThrownBy(() -> parser.parse("00001740 03 n 01 entity 0 000 that", "data.noun", 9))
                .isInstanceOf(WordNetFormatException.class)
                .hasMessage("data.noun line 9, column 31: expected '|' before the gloss, found 'that'");
    }

    @Test
    void truncatedLineSaysWhichFieldIsMissing() {
        assertThatThrownBy(() -> parser.parse("00001740 03 n 02 entity 0", "data.noun", 2))
                .isInstanceOf(WordNetFormatException.class)
                .hasMessage("data.noun line 2, column 26: expected word 2 of 2, found the end of the line");
    }

    @Test
    void unknownSynsetTypeIsRejected() {
        assertThatThrownBy(() -> parser.parse("00001740 03 x 01 entity 0 000 | y", "data.noun", 4))
                .isInstanceOf(WordNetFormatException.class)
                .hasMessage("data.noun line 4, column 13: expected a synset type (n, v, a, s or r), found 'x'");
    }

    @Test
    void malformedPointerSourceTargetIsRejected() {
        assertThatThrownBy(() -> parser.parse("00001740 03 n 01 entity 0 001 @ 00000001 n 00 | y", "data.noun", 5))
                .isInstanceOf(WordNetFormatException.class)
                .hasMessageContaining("column 44")
                .hasMessageContaining("expected the source/target of pointer 1 of 1 (4 hexadecimal digits)");
    }

    @Test
    void wordsKeepTheirCase() {
        Synset synset = parser.parse("00001885 02 r 03 AD 0 A.D. 0 anno_Domini 0 000 | in the Christian era;"
                + " used before dates after the supposed year Christ was born; \"in AD 200\"", "data.adv", 31);

        assertThat(synset.words()).isEqualTo(List.of("AD", "A.D.", "anno Domini"));
        assertThat(synset.gloss().definition())
                .isEqualTo("in the Christian era; used before dates after the supposed year Christ was born");
        assertThat(synset.gloss().examples()).containsExactly("in AD 200");
    }
}
