package dev.contrastive4j.converters.wordnet;

import static dev.contrastive4j.converters.wordnet.TinyWordNet.database;
import static dev.contrastive4j.converters.wordnet.TinyWordNet.id;
import static dev.contrastive4j.converters.wordnet.TinyWordNet.pointer;
import static dev.contrastive4j.converters.wordnet.TinyWordNet.synset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordNetTripletBuilderTest {

    private static final WordNetTripletBuilder.Settings SETTINGS = new WordNetTripletBuilder.Settings(7, 3);

    private static final String SLOPE = "sloping land beside a body of water";
    private static final String INSTITUTION = "a financial institution that accepts deposits";
    private static final String DO_BUSINESS = "do business with a bank";

    /** "bank": two noun senses and one verb sense. */
    private static final Synset BANK_SLOPE = synset("n1", "bank", SLOPE + "; \"they pulled the canoe up on the bank\"");
    private static final Synset BANK_INSTITUTION = synset("n2", "bank|depository financial institution",
            INSTITUTION + "; \"he cashed a check at the bank\"");
    private static final Synset BANK_VERB = synset("v3", "bank", DO_BUSINESS + "; \"Where do you bank in this town?\"");

    @Test
    void negativeIsAnotherSenseOfTheSameWordWithTheSamePartOfSpeech() {
        WordNetDataset dataset = allTrain().build(database(BANK_SLOPE, BANK_INSTITUTION, BANK_VERB));

        WordNetTriplet slope = only(dataset, id("n1"));
        assertThat(slope.anchor()).isEqualTo("they pulled the canoe up on the bank");
        assertThat(slope.positive()).isEqualTo(SLOPE);
        assertThat(slope.negative()).isEqualTo(INSTITUTION);
        assertThat(slope.negativeKind()).isEqualTo(NegativeKind.SAME_WORD_SAME_POS);
        assertThat(slope.word()).isEqualTo("bank");
    }

    @Test
    void withoutAnotherSenseOfTheSamePartOfSpeechTheNegativeIsAnotherPartOfSpeech() {
        WordNetDataset dataset = allTrain().build(database(BANK_SLOPE, BANK_INSTITUTION, BANK_VERB));

        WordNetTriplet verb = only(dataset, id("v3"));
        assertThat(verb.negativeKind()).isEqualTo(NegativeKind.SAME_WORD_OTHER_POS);
        assertThat(verb.negative()).isIn(SLOPE, INSTITUTION);
    }

    @Test
    void wordWithOneSenseTakesItsAntonym() {
        Synset hot = synset("a10", "hot", "used of physical heat; \"a hot stove\"", pointer("!", "a11"));
        Synset cold = synset("a11", "cold", "having a low temperature; \"a cold day\"", pointer("!", "a10"));

        WordNetDataset dataset = allTrain().build(database(hot, cold));

        assertThat(only(dataset, id("a10")).negative()).isEqualTo("having a low temperature");
        assertThat(only(dataset, id("a10")).negativeKind()).isEqualTo(NegativeKind.ANTONYM);
        assertThat(only(dataset, id("a11")).negative()).isEqualTo("used of physical heat");
    }

    @Test
    void withoutAntonymTheNegativeIsACoHyponym() {
        Synset canine = synset("n22", "canine", "a mammal with nonretractile claws");
        Synset dog = synset("n20", "dog", "a domesticated canid; \"the dog barked all night\"", pointer("@", "n22"));
        Synset wolf = synset("n21", "wolf", "a wild canid that hunts in packs", pointer("@", "n22"));

        WordNetTriplet triplet = only(allTrain().build(database(canine, dog, wolf)), id("n20"));

        assertThat(triplet.negative()).isEqualTo("a wild canid that hunts in packs");
        assertThat(triplet.negativeKind()).isEqualTo(NegativeKind.CO_HYPONYM);
    }

    @Test
    void satellitesOfOneHeadAdjectiveAreCoHyponyms() {
        Synset hot = synset("a10", "hot", "used of physical heat", pointer("&", "s30"), pointer("&", "s31"));
        Synset scorching = synset("s30", "scorching", "hot and dry enough to burn; \"scorching sun\"",
                pointer("&", "a10"));
        Synset sultry = synset("s31", "sultry", "hot and humid", pointer("&", "a10"));

        WordNetTriplet triplet = only(allTrain().build(database(hot, scorching, sultry)), id("s30"));

        assertThat(triplet.negative()).isEqualTo("hot and humid");
        assertThat(triplet.negativeKind()).isEqualTo(NegativeKind.CO_HYPONYM);
    }

    @Test
    void senseWithoutAnyCandidateGivesNoTriplet() {
        Synset hereby = synset("r40", "hereby", "by means of this; \"I hereby declare you man and wife\"");

        assertThat(allTrain().build(database(hereby)).size()).isZero();
    }

    @Test
    void negativeNeverRepeatsThePositiveText() {
        Synset pen = synset("n80", "pen", "a writing implement; \"sign with a pen\"");
        Synset sameDefinition = synset("n81", "pen", "a writing implement; \"a pen and ink\"");
        Synset enclosure = synset("n82", "pen", "an enclosure for animals");

        WordNetDataset dataset = allTrain().build(database(pen, sameDefinition, enclosure));

        assertThat(dataset.triplets(Split.TRAIN)).hasSize(2)
                .allSatisfy(triplet -> assertThat(triplet.negative()).isEqualTo("an enclosure for animals"));
    }

    @Test
    void exampleSharedBySeveralSynsetsIsDropped() {
        Synset season = synset("n50", "spring", "the season of growth; \"in the spring\"");
        Synset device = synset("n51", "spring", "a metal elastic device; \"in the spring\"; \"the spring snapped\"");

        WordNetDataset dataset = allTrain().build(database(season, device));

        assertThat(dataset.triplets(Split.TRAIN)).extracting(WordNetTriplet::anchor).containsExactly("the spring snapped");
    }

    @Test
    void examplesThatMentionTheWordComeFirstAndAreCapped() {
        Synset course = synset("n60", "course", "a mode of action; \"a shortcut\"; \"the course of action\";"
                + " \"stay the course\"; \"change course\"");
        Synset route = synset("n61", "course", "a line or route along which something travels");

        WordNetDataset dataset = new WordNetTripletBuilder(new WordNetTripletBuilder.Settings(7, 2),
                definition -> Split.TRAIN).build(database(course, route));

        assertThat(dataset.triplets(Split.TRAIN)).extracting(WordNetTriplet::anchor)
                .containsExactly("the course of action", "stay the course");
    }

    @Test
    void wordIsTheSynsetWordTheExampleMentions() {
        Synset car = synset("n70", "car|automobile", "a motor vehicle; \"he needs an automobile\"; \"he drove to work\"");
        Synset cableCar = synset("n71", "car", "a compartment on a cable; \"the car rose up the mountain\"");
        Synset carriage = synset("n74", "automobile|car", "a railway carriage");

        WordNetDataset dataset = allTrain().build(database(car, cableCar, carriage));

        List<WordNetTriplet> carTriplets = triplets(dataset, id("n70"));
        // "automobile" is mentioned and has another sense (n74); "he drove to work" mentions neither word,
        // so the first word with another sense, "car", is used.
        assertThat(carTriplets).extracting(WordNetTriplet::anchor, WordNetTriplet::word)
                .containsExactly(
                        tuple("he needs an automobile", "automobile"),
                        tuple("he drove to work", "car"));
    }

    @Test
    void trainNeverUsesADevOrTestDefinitionAndEvaluationNegativesMayBeTrainDefinitions() {
        // The slope sense is a test definition, the institution a dev definition, the verb a train one.
        Map<String, Split> splits = Map.of(SLOPE, Split.TEST, INSTITUTION, Split.DEV);
        WordNetTripletBuilder builder =
                new WordNetTripletBuilder(SETTINGS, definition -> splits.getOrDefault(definition, Split.TRAIN));

        WordNetDataset dataset = builder.build(database(BANK_SLOPE, BANK_INSTITUTION, BANK_VERB));

        // The verb's only candidates are dev and test definitions: a train triplet may use neither.
        assertThat(dataset.triplets(Split.TRAIN)).isEmpty();
        // The test sense may not use the dev definition, so it falls back to the train definition.
        assertThat(dataset.triplets(Split.TEST)).singleElement().satisfies(triplet -> {
            assertThat(triplet.positive()).isEqualTo(SLOPE);
            assertThat(triplet.negative()).isEqualTo(DO_BUSINESS);
            assertThat(triplet.negativeKind()).isEqualTo(NegativeKind.SAME_WORD_OTHER_POS);
        });
        assertThat(dataset.triplets(Split.DEV)).singleElement().satisfies(triplet -> {
            assertThat(triplet.positive()).isEqualTo(INSTITUTION);
            assertThat(triplet.negative()).isEqualTo(DO_BUSINESS);
        });
    }

    @Test
    void sameDatabaseAndSeedGiveTheSameTriplets() {
        List<Synset> synsets = new ArrayList<>();
        for (int sense = 1; sense <= 12; sense++) {
            synsets.add(synset("n" + sense, "run", "meaning number " + sense + "; \"a run of kind " + sense + "\""));
        }
        WordNetDatabase database = database(synsets.toArray(Synset[]::new));

        WordNetDataset first = new WordNetTripletBuilder(SETTINGS).build(database);
        WordNetDataset second = new WordNetTripletBuilder(SETTINGS).build(database);

        assertThat(first).isEqualTo(second);
        assertThat(first.size()).isEqualTo(12);
    }

    private static WordNetTripletBuilder allTrain() {
        return new WordNetTripletBuilder(SETTINGS, definition -> Split.TRAIN);
    }

    private static WordNetTriplet only(WordNetDataset dataset, SynsetId sense) {
        List<WordNetTriplet> triplets = triplets(dataset, sense);
        assertThat(triplets).as("triplets of %s", sense).hasSize(1);
        return triplets.get(0);
    }

    private static List<WordNetTriplet> triplets(WordNetDataset dataset, SynsetId sense) {
        return dataset.splits().values().stream()
                .flatMap(List::stream)
                .filter(triplet -> triplet.sense().equals(sense))
                .toList();
    }
}
