package dev.contrastive4j.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --prompts}: its syntax, its errors, the lookup in the model's prompts, and what each column receives. */
class PromptsTest {

    private static final ModelPrompts BGE_LIKE = ModelPrompts.of(inOrder("query", "Represent: ", "doc", "Doc: "));

    private static Map<String, String> inOrder(String... namesAndTexts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            map.put(namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return map;
    }
    private static final Triplet ROW = new Triplet("q", "p", List.of("n1", "n2"), List.of(0.5, 0.25));

    private static ColumnPrompts resolve(String spec) {
        return Prompts.parse(spec, "--prompts").resolve(BGE_LIKE, false, "--prompts");
    }

    @Test
    void oneTextIsThePromptOfEveryColumn() {
        ColumnPrompts prompts = resolve("query: ");
        assertThat(prompts.apply(ROW)).isEqualTo(new Triplet("query: q", "query: p", List.of("query: n1",
                "query: n2"), List.of(0.5, 0.25)));
        assertThat(prompts.apply(new ScoredPair("a", "b", 0.7))).isEqualTo(new ScoredPair("query: a", "query: b", 0.7));
        assertThat(Prompts.parse("query: ", "--prompts").isSingle()).isTrue();
    }

    @Test
    void rolePromptsKeepTheirSpacesAndNegativesTakeThePositivesPrompt() {
        ColumnPrompts prompts = resolve("anchor=query: , positive=passage: ");
        assertThat(prompts.apply(ROW)).isEqualTo(new Triplet("query: q", "passage: p",
                List.of("passage: n1", "passage: n2"), List.of(0.5, 0.25)));
        assertThat(prompts.apply(new Pair("a", "b"))).isEqualTo(new Pair("query: a", "passage: b"));
        // Roles of pairs and triplets leave scored pairs alone.
        assertThat(prompts.apply(new ScoredPair("a", "b", 1))).isEqualTo(new ScoredPair("a", "b", 1));
    }

    @Test
    void onlyThePromptedColumnChanges() {
        ColumnPrompts prompts = resolve("anchor=query: ");
        assertThat(prompts.apply(ROW)).isEqualTo(new Triplet("query: q", "p", List.of("n1", "n2"), List.of(0.5, 0.25)));
        assertThat(resolve("negative=hard: ").apply(ROW))
                .isEqualTo(new Triplet("q", "p", List.of("hard: n1", "hard: n2"), List.of(0.5, 0.25)));
    }

    @Test
    void aCommaInsideAPromptStaysWhenNoRoleFollowsIt() {
        ColumnPrompts prompts = resolve("sentence1=Compare, then rank: ,sentence2=B: ");
        assertThat(prompts.apply(new ScoredPair("x", "y", 0))).isEqualTo(new ScoredPair("Compare, then rank: x",
                "B: y", 0));
        assertThat(resolve("a, b: ").apply(new Pair("x", "y"))).isEqualTo(new Pair("a, b: x", "a, b: y"));
    }

    @Test
    void allGivesEveryColumnNotNamedAndAtNamesTheModelsPrompt() {
        ColumnPrompts prompts = resolve("anchor=@query,all=@doc");
        assertThat(prompts.apply(ROW)).isEqualTo(new Triplet("Represent: q", "Doc: p", List.of("Doc: n1", "Doc: n2"),
                List.of(0.5, 0.25)));
        assertThat(resolve("@@handle ").apply(new Pair("x", "y"))).isEqualTo(new Pair("@handle x", "@handle y"));
        assertThat(resolve("all=a=b ").apply(new Pair("x", "y"))).isEqualTo(new Pair("a=b x", "a=b y"));
    }

    @Test
    void theModelsDefaultPromptAppliesOnlyWhereInferenceAsksForIt() {
        ModelPrompts withDefault = new ModelPrompts(Map.of("query", "Q: ", "doc", "D: "), Optional.of("doc"));
        assertThat(Prompts.NONE.resolve(withDefault, true, "--prompts").apply(new Pair("x", "y")))
                .isEqualTo(new Pair("D: x", "D: y"));
        assertThat(Prompts.NONE.resolve(withDefault, false, "--prompts").isEmpty()).isTrue();
        // Columns given a prompt keep it; the others take the default, as sentence-transformers' encode does.
        assertThat(Prompts.parse("anchor=@query", "--prompts").resolve(withDefault, true, "--prompts")
                .apply(new Pair("x", "y"))).isEqualTo(new Pair("Q: x", "D: y"));
    }

    @Test
    void unknownRoleNamesTheOptionAndTheRoles() {
        assertThatThrownBy(() -> Prompts.parse("query=q: ", "--prompts")).isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("--prompts: unknown column role 'query'")
                .hasMessageContaining("anchor, positive, negative, sentence1, sentence2 or all");
    }

    @Test
    void unknownModelPromptNamesTheOptionAndTheModelsPrompts() {
        assertThatThrownBy(() -> resolve("anchor=@question")).isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("--prompts: the prompt for 'anchor' names the model's prompt 'question'")
                .hasMessageContaining("only query, doc");
        assertThatThrownBy(() -> Prompts.parse("@query", "--prompts").resolve(ModelPrompts.NONE, true, "--prompts"))
                .hasMessageContaining("the model has no prompts");
    }

    @Test
    void badSyntaxIsAClearErrorNamingTheOption() {
        assertThatThrownBy(() -> Prompts.parse("", "--prompts")).hasMessageStartingWith("--prompts is empty");
        assertThatThrownBy(() -> Prompts.parse("anchor=", "--prompts"))
                .hasMessageContaining("--prompts: the prompt for 'anchor' is empty");
        assertThatThrownBy(() -> Prompts.parse("anchor=@", "--prompts"))
                .hasMessageContaining("--prompts: the prompt for 'anchor' is empty");
        assertThatThrownBy(() -> Prompts.parse("anchor=a,anchor=b", "--prompts"))
                .hasMessageContaining("--prompts: role 'anchor' is given twice");
    }

    @Test
    void canonicalFormReadsBackAsTheSamePrompts() {
        Prompts prompts = Prompts.parse(" positive=passage: ,anchor=query: ", "--prompts");
        assertThat(prompts.toString()).isEqualTo("anchor=query: ,positive=passage: ");
        assertThat(Prompts.parse(prompts.toString(), "--prompts")).isEqualTo(prompts);
    }

    @Test
    void savedPromptsNameEachRoleAndMakeOneForEveryColumnTheDefault() {
        ModelPrompts byRole = resolve("anchor=@query,positive=passage: ").savedWith(BGE_LIKE);
        assertThat(byRole.prompts()).containsExactly(Map.entry("query", "Represent: "), Map.entry("doc", "Doc: "),
                Map.entry("anchor", "Represent: "), Map.entry("positive", "passage: "),
                Map.entry("negative", "passage: "));
        assertThat(byRole.defaultName()).isEmpty();
        ModelPrompts single = resolve("query: ").savedWith(ModelPrompts.NONE);
        assertThat(single).isEqualTo(new ModelPrompts(Map.of("all", "query: "), Optional.of("all")));
        assertThat(ColumnPrompts.NONE.savedWith(BGE_LIKE)).isSameAs(BGE_LIKE);
    }
}
