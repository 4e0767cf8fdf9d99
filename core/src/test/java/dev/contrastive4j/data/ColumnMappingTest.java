package dev.contrastive4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    @Test
    void tripletMappingKeepsNegativesInTheOrderGiven() {
        ColumnMapping mapping = ColumnMapping.parse("negative=wrong_2, anchor=question ,positive=answer,negative=wrong_1");

        assertThat(mapping.format()).isEqualTo(DataFormat.TRIPLET);
        assertThat(mapping.textColumns()).containsExactly("question", "answer", "wrong_2", "wrong_1");
        assertThat(mapping.negativeColumns()).containsExactly("wrong_2", "wrong_1");
        assertThat(mapping.scoreColumn()).isNull();
    }

    @Test
    void pairAndScoredPairMappings() {
        assertThat(ColumnMapping.parse("anchor=q,positive=a"))
                .isEqualTo(new ColumnMapping(DataFormat.PAIR, List.of("q", "a"), null));
        assertThat(ColumnMapping.parse("SCORE=sim,sentence1=a,sentence2=b"))
                .isEqualTo(new ColumnMapping(DataFormat.SCORED_PAIR, List.of("a", "b"), "sim"));
    }

    @Test
    void specWritesWhatParseReads() {
        for (String spec : List.of("anchor=q,positive=a,negative=n1,negative=n2", "sentence1=a,sentence2=b,score=s")) {
            assertThat(ColumnMapping.parse(spec).spec()).isEqualTo(spec);
        }
    }

    @Test
    void badSyntaxIsAClearError() {
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q,positive"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("invalid column mapping 'anchor=q,positive': entry 'positive' is not role=column;");
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q,,positive=p"))
                .hasMessageContaining("entry '' is not role=column");
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q,positive="))
                .hasMessageContaining("entry 'positive=' names no column");
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q=r,positive=p"))
                .hasMessageContaining("entry 'anchor=q=r' is not role=column");
    }

    @Test
    void unknownRoleIsNamedWithTheKnownRoles() {
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q,answer=a"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("invalid column mapping 'anchor=q,answer=a': unknown role 'answer'; expected role=column "
                        + "entries separated by commas, with the roles anchor, positive, negative (repeatable), margin "
                        + "(repeatable) or sentence1, sentence2, score");
    }

    @Test
    void rolesThatMakeUpNoFormatAreErrors() {
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q,negative=n"))
                .hasMessageContaining("got anchor ('q'), negative ('n')");
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q,positive=p,score=s"))
                .hasMessageContaining("got a mix of");
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q,anchor=r,positive=p"))
                .hasMessageContaining("expected one anchor column, got 'q' and 'r'");
        assertThatThrownBy(() -> ColumnMapping.parse("anchor=q,positive=Q"))
                .hasMessageContaining("column 'Q' is mapped twice");
    }
}
