package dev.contrastive4j.mining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.prompts.ModelPrompts;
import dev.contrastive4j.prompts.Prompts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mining with prompts: anchors embedded with the anchor's prompt, documents with the positive's; rows written as read. */
class PromptedMiningTest {

    @TempDir
    Path dir;

    @Test
    void anchorsAndDocumentsReachTheModelWithTheirPromptsAndTheMinedRowsDoNot() {
        MiningFixture fixture = new MiningFixture(11);
        MiningOptions options = MiningOptions.builder().numNegatives(3).build();
        Set<String> anchors = new HashSet<>();
        fixture.rows.forEach(row -> anchors.add(row.anchor()));
        List<String> seen = new ArrayList<>();
        // The fixture's vectors belong to the bare texts: this model strips the prompt it expects, so that prompted
        // mining must find exactly what unprompted mining finds, and fails on a text without its column's prompt.
        TextEmbedder stripping = texts -> {
            seen.addAll(texts);
            return fixture.vectors.embed(texts.stream().map(PromptedMiningTest::strip).toList());
        };

        Path plain = dir.resolve("plain.jsonl");
        new HardNegativeMiner(options).mine(fixture.data(), fixture.vectors, plain, MiningListener.NONE);
        Path prompted = dir.resolve("prompted.jsonl");
        new HardNegativeMiner(options).mine(fixture.data(), stripping,
                Prompts.parse("anchor=Q: ,positive=D: ", "--prompts").resolve(ModelPrompts.NONE, true, "--prompts"),
                prompted, MiningListener.NONE);

        assertThat(MiningFixture.readBack(prompted)).isEqualTo(MiningFixture.readBack(plain));
        List<String> queries = seen.stream().filter(t -> t.startsWith("Q: ")).map(t -> t.substring(3)).toList();
        assertThat(queries).containsExactlyInAnyOrderElementsOf(anchors);
        assertThat(seen).allMatch(t -> t.startsWith("Q: ") || t.startsWith("D: "));
        assertThat(seen.stream().filter(t -> t.startsWith("D: ")).map(t -> t.substring(3)))
                .containsAll(fixture.corpus);
    }

    private static String strip(String text) {
        if (text.startsWith("Q: ") || text.startsWith("D: ")) {
            return text.substring(3);
        }
        throw new AssertionError("a text reached the model without its prompt: " + text);
    }
}
