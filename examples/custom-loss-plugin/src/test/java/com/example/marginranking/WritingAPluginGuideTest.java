package com.example.marginranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code in docs/writing-a-plugin.md is this example's real code: every code block marked
 * {@code <!-- include: PATH -->} must appear verbatim in the file PATH names, and every Java block must be marked.
 * When the example changes, the guide must follow.
 */
class WritingAPluginGuideTest {

    /** The repository's root, seen from this module's folder (where Maven runs its tests). */
    private static final Path ROOT = Path.of("..", "..");
    private static final Path EXAMPLE = Path.of("examples", "custom-loss-plugin");
    private static final Pattern INCLUDE = Pattern.compile("^<!-- include: (\\S+) -->$");

    /** One fenced code block of the guide. */
    private record CodeBlock(int line, String language, String body, String include) {
    }

    private static List<CodeBlock> blocks;

    @BeforeAll
    static void readTheGuide() throws IOException {
        blocks = codeBlocks(Files.readAllLines(ROOT.resolve("docs/writing-a-plugin.md")));
    }

    @Test
    void everyMarkedCodeBlockAppearsVerbatimInTheExampleFileItNames() throws IOException {
        List<CodeBlock> included = blocks.stream().filter(b -> b.include() != null).toList();
        assertThat(included).hasSizeGreaterThanOrEqualTo(5);
        for (CodeBlock block : included) {
            assertThat(Path.of(block.include()).normalize()).as("guide line %d", block.line()).startsWithRaw(EXAMPLE);
            String source = Files.readString(ROOT.resolve(block.include()));
            assertThat(source).as("the block at guide line %d, in %s", block.line(), block.include())
                    .contains(block.body());
        }
    }

    @Test
    void everyJavaCodeBlockIsMarkedWithItsSource() {
        assertThat(blocks.stream().filter(b -> b.language().equals("java")))
                .isNotEmpty()
                .allSatisfy(block -> assertThat(block.include()).as("include marker of the block at guide line %d",
                        block.line()).isNotNull());
    }

    @Test
    void theGuideShowsTheLossItsFactoryItsModuleAndItsServiceFile() {
        assertThat(blocks).extracting(CodeBlock::include).contains(
                "examples/custom-loss-plugin/src/main/java/com/example/marginranking/MarginRankingLoss.java",
                "examples/custom-loss-plugin/src/main/java/com/example/marginranking/MarginRankingLossFactory.java",
                "examples/custom-loss-plugin/src/main/java/com/example/marginranking/MarginRankingPlugin.java",
                "examples/custom-loss-plugin/src/main/resources/META-INF/services/dev.contrastive4j.spi.PluginModule");
    }

    @Test
    void theTestingSectionUsesTheTestKitInsteadOfCopyingItsPlumbing() {
        String java = String.join("\n", blocks.stream().filter(b -> b.language().equals("java")).map(CodeBlock::body)
                .toList());
        assertThat(java).contains("LossStep.onEmbeddings(", "GradientCheck.assertMatchesFiniteDifferences(",
                "FiniteDifferences.gradient(", "SpiOnlyCheck.assertSpiOnly(", "TinyEncoders.bert(");
        // The plumbing lives in the kit: no block opens its own gradient collector or engine.
        assertThat(java).doesNotContain("newGradientCollector", "Engine.getEngine");
        assertThat(blocks.stream().filter(b -> b.language().equals("xml")).map(CodeBlock::body))
                .anySatisfy(pom -> assertThat(pom).contains("<artifactId>contrastive4j-testkit</artifactId>"));
    }

    /** Fenced blocks with their language and the include marker on the line just above the fence, if any. */
    private static List<CodeBlock> codeBlocks(List<String> lines) {
        List<CodeBlock> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            int start = i;
            String language = lines.get(i).substring(3).strip();
            StringBuilder body = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
                body.append(lines.get(i)).append('\n');
            }
            assertThat(i).as("the code block opened at guide line %d is closed", start + 1).isLessThan(lines.size());
            Matcher marker = start > 0 ? INCLUDE.matcher(lines.get(start - 1)) : null;
            found.add(new CodeBlock(start + 1, language, body.toString(),
                    marker != null && marker.matches() ? marker.group(1) : null));
        }
        return found;
    }
}
