package dev.contrastive4j.converters.wordnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordMentionTest {

    @Test
    void findsAWholePhraseIgnoringCase() {
        assertThat(WordMention.mentions("Take a breath before you dive", "take a breath")).isTrue();
        assertThat(WordMention.mentions("in AD 200", "ad")).isTrue();
    }

    @Test
    void needsWordBoundaries() {
        assertThat(WordMention.mentions("the party was late", "art")).isFalse();
        assertThat(WordMention.mentions("art, for art's sake", "art")).isTrue();
    }

    @Test
    void findsSimpleInflectionsOfLongerWords() {
        assertThat(WordMention.mentions("The patient is respiring", "respire")).isTrue();
        assertThat(WordMention.mentions("she carried the box", "carry")).isTrue();
        assertThat(WordMention.mentions("they were banking on it", "bank")).isTrue();
    }

    @Test
    void doesNotStemShortWordsOrPhrases() {
        assertThat(WordMention.mentions("the running water", "run")).isFalse();
        assertThat(WordMention.mentions("he takes breaths", "take a breath")).isFalse();
    }

    @Test
    void doesNotTakeALongerWordForAnInflection() {
        assertThat(WordMention.mentions("a bankruptcy court", "bank")).isFalse();
    }
}
