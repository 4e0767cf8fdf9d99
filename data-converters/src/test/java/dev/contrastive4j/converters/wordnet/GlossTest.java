package dev.contrastive4j.converters.wordnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlossTest {

    @Test
    void glossWithoutExamplesIsAllDefinition() {
        Gloss gloss = Gloss.parse("an entity that has physical existence  ");

        assertThat(gloss.definition()).isEqualTo("an entity that has physical existence");
        assertThat(gloss.examples()).isEmpty();
    }

    @Test
    void splitsDefinitionFromExamplesAtTheFirstQuotedExample() {
        Gloss gloss = Gloss.parse("of the period coinciding with the Christian era; preferred by some writers;"
                + " \"in 200 CE\"; \"the first century CE\"");

        assertThat(gloss.definition())
                .isEqualTo("of the period coinciding with the Christian era; preferred by some writers");
        assertThat(gloss.examples()).containsExactly("in 200 CE", "the first century CE");
    }

    @Test
    void exampleMayContainSemicolons() {
        Gloss gloss = Gloss.parse("a duty; \"every right implies a responsibility; every opportunity, an obligation\"");

        assertThat(gloss.examples()).containsExactly("every right implies a responsibility; every opportunity, an obligation");
    }

    @Test
    void attributionAfterTheClosingQuoteIsNotPartOfTheExample() {
        Gloss gloss = Gloss.parse("the quality of being merciful; \"the quality of mercy is not strained\"--Shakespeare;"
                + " \"a plea for mercy\"- Anon");

        assertThat(gloss.examples()).containsExactly("the quality of mercy is not strained", "a plea for mercy");
    }

    @Test
    void quoteAfterAColonStaysInTheDefinition() {
        // A few glosses introduce their example with a colon instead of "; ": they are kept whole.
        Gloss gloss = Gloss.parse("connect to a vehicle: \"hitch the trailer to the car\"");

        assertThat(gloss.definition()).isEqualTo("connect to a vehicle: \"hitch the trailer to the car\"");
        assertThat(gloss.examples()).isEmpty();
    }

    @Test
    void emptyQuotesAreNoExample() {
        Gloss gloss = Gloss.parse("something; \"\"; \"a real one\"");

        assertThat(gloss.definition()).isEqualTo("something");
        assertThat(gloss.examples()).containsExactly("a real one");
    }
}
