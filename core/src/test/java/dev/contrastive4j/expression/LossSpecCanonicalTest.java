package dev.contrastive4j.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LossSpecCanonicalTest {

    private static final LossCatalog CATALOG = new FakeLossCatalog();

    @Test
    void canonicalFormOfTheDesignExampleIsItself() {
        String example = "0.7*angle + 0.3*triplet(margin=0.5, distance=cosine)";

        assertThat(canonical(example)).isEqualTo(example);
    }

    @Test
    void weightOneIsLeftOut() {
        assertThat(canonical("1*mnrl + 1.0 * cosent")).isEqualTo("mnrl + cosent");
    }

    @Test
    void weightsAreShortestDecimals() {
        assertThat(canonical("0.70*angle + 2.50*cosent + 1e1*mnrl + 5e-8*gist"))
                .isEqualTo("0.7*angle + 2.5*cosent + 10*mnrl + 5e-8*gist");
    }

    @Test
    void namesBecomeCanonicalAndLowerCase() {
        assertThat(canonical("MultipleNegativesRankingLoss + TRIPLETLOSS")).isEqualTo("mnrl + triplet");
    }

    @Test
    void whitespaceAndEmptyParenthesesDisappear() {
        assertThat(canonical("  2 *  mnrl ( scale = 10 , similarity = dot )+cosent()  "))
                .isEqualTo("2*mnrl(scale=10, similarity=dot) + cosent");
    }

    @Test
    void parametersFollowDeclarationOrderAndKeepOnlyThoseGiven() {
        assertThat(canonical("mnrl(symmetric=TRUE, scale=20.0)")).isEqualTo("mnrl(scale=20, symmetric=true)");
    }

    @Test
    void valuesAreNormalisedByTheirType() {
        assertThat(canonical("triplet(distance=Manhattan, margin=.5)")).isEqualTo("triplet(margin=0.5, distance=manhattan)");
        assertThat(canonical("gist(mini_batch_size=0008)")).isEqualTo("gist(mini_batch_size=8)");
    }

    @Test
    void textIsQuotedOnlyWhenABareWordCannotHoldIt() {
        assertThat(canonical("gist(guide=\"runs/x/final\")")).isEqualTo("gist(guide=runs/x/final)");
        assertThat(canonical("gist(guide='bge-small-en-v1.5')")).isEqualTo("gist(guide=bge-small-en-v1.5)");
        assertThat(canonical("gist(guide='my model')")).isEqualTo("gist(guide=\"my model\")");
        assertThat(canonical("gist(guide='say \"hi\"')")).isEqualTo("gist(guide=\"say \\\"hi\\\"\")");
        assertThat(canonical("gist(guide='C:\\models\\x')")).isEqualTo("gist(guide=\"C:\\models\\x\")");
        assertThat(canonical("gist(guide=\"\")")).isEqualTo("gist(guide=\"\")");
    }

    static List<String> expressions() {
        return List.of(
                "mnrl",
                "mnrl(scale=20)",
                "0.7*angle + 0.3*triplet(margin=0.5, distance=cosine)",
                "2 * mnrl(scale = 10, similarity = dot) + cosent",
                "MNRL(Scale=1e-3, SIMILARITY=DOT, symmetric=False)",
                "multiplenegativesrankingloss(scale=3.3333333333333335) + angleloss",
                "0.1*mnrl(scale=0.1) + 0.2*mnrl(scale=0.2) + 0.30000000000000004*cosent",
                "1e-300*triplet(margin=0) + 1.7976931348623157e308*angle",
                "4.9e-324*triplet(margin=-0.0)",
                "\t0.5*gist( guide = 'it\\'s \"quoted\", (really)' , mini_batch_size = 2147483647 )\n",
                "gist(guide='C:\\models\\x\\\\') + gist(guide=\"a\\\\\\\"b\")",
                "gist(guide=runs/angle-triplet/final) + gist(guide='über modèle')",
                "gist(guide=\"   padded   \") + gist(guide=TRUE) + gist(guide=\"1e+5\")",
                "3*triplet(distance=euclidean, margin=123456789012345678) + triplet(margin=1e16)");
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void canonicalFormValidatesBackToAnEqualSpec(String source) {
        LossSpec spec = LossSpec.parse(source, CATALOG);

        LossSpec again = LossSpec.parse(spec.canonical(), CATALOG);

        assertThat(again).isEqualTo(spec);
        assertThat(again.canonical()).isEqualTo(spec.canonical());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void randomSpecsSurviveTheirCanonicalForm(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            LossSpec spec = randomSpec(random);

            assertThat(LossSpec.parse(spec.canonical(), CATALOG)).as(spec.canonical()).isEqualTo(spec);
        }
    }

    private static String canonical(String source) {
        return LossSpec.parse(source, CATALOG).canonical();
    }

    private static LossSpec randomSpec(Random random) {
        List<WeightedLoss> losses = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        while (losses.size() < count) {
            LossDescriptor descriptor = FakeLossCatalog.ALL.get(random.nextInt(FakeLossCatalog.ALL.size()));
            Map<String, Object> given = new LinkedHashMap<>();
            for (ParameterSpec parameter : descriptor.parameters()) {
                if (random.nextBoolean()) {
                    given.put(parameter.name(), randomValue(parameter, random));
                }
            }
            WeightedLoss loss = new WeightedLoss(randomPositive(random), descriptor,
                    ParameterValues.of(descriptor.parameters(), given));
            // The validator rejects a loss repeated with the same values, so a valid spec never has one.
            if (losses.stream().noneMatch(l -> l.name().equals(loss.name())
                    && l.parameters().asMap().equals(loss.parameters().asMap()))) {
                losses.add(loss);
            }
        }
        return new LossSpec(losses);
    }

    private static Object randomValue(ParameterSpec parameter, Random random) {
        return switch (parameter.type()) {
            case NUMBER -> parameter.name().equals("margin") && random.nextInt(5) == 0 ? 0.0 : randomPositive(random);
            case INTEGER -> 1 + random.nextInt(Integer.MAX_VALUE);
            case BOOLEAN -> random.nextBoolean();
            case CHOICE -> parameter.choices().get(random.nextInt(parameter.choices().size()));
            case STRING -> randomText(random);
            case INTEGER_LIST -> java.util.stream.IntStream.range(0, random.nextInt(4))
                    .mapToObj(i -> 1 + random.nextInt(Integer.MAX_VALUE)).toList();
            case NUMBER_LIST -> java.util.stream.IntStream.range(0, random.nextInt(4))
                    .mapToObj(i -> randomPositive(random)).toList();
        };
    }

    /** Positive doubles of every kind: round, decimal, tiny, huge, arbitrary bit patterns. */
    private static double randomPositive(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 1.0;
            case 1 -> (1 + random.nextInt(999)) / 10.0;
            case 2 -> random.nextDouble() * 100 + Double.MIN_VALUE;
            case 3 -> Math.scalb(1.0 + random.nextDouble(), -1070 + random.nextInt(2090));
            case 4 -> Double.MIN_VALUE * (1 + random.nextInt(1000));
            default -> Math.abs(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL)) + Double.MIN_VALUE;
        };
    }

    /** Text from characters that bare words, quotes and escapes all have to cope with, minus edge whitespace. */
    private static String randomText(Random random) {
        String alphabet = "abcXYZ019_-./ \\\"',()=+*:~éü\t\n$";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        // ParameterSpec.parse strips surrounding whitespace, so only stripped text can come back unchanged.
        return text.toString().strip();
    }
}
