package dev.contrastive4j.converters.wordnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetDatasetCommandTest {

    @TempDir
    Path temp;

    @Test
    void buildsFromAWordNetFolder() throws IOException {
        Path wordnet = WordNetFolder.write(temp.resolve("wordnet"));
        Path output = temp.resolve("out");

        WordNetDatasetCommand.Summary summary = WordNetDatasetCommand.build(Optional.of(wordnet), output);

        assertThat(summary.source()).contains(wordnet.toString());
        assertThat(summary.files()).allSatisfy(file -> assertThat(output.resolve(file)).isRegularFile());
        int written = 0;
        for (Split split : Split.values()) {
            int lines = WordNetDatasetWriterTest.gunzipLines(output.resolve(split.fileStem() + ".jsonl.gz")).size();
            assertThat(lines).as("%s triplets", split).isEqualTo(summary.tripletsPerSplit().get(split));
            written += lines;
        }
        // Five senses have an example and a candidate negative (hereby has none), one triplet each at most.
        assertThat(written).isBetween(1, 5);
        assertThat(Files.readString(output.resolve("README.md"))).contains(wordnet.toString());
    }

    @Test
    void folderWithoutWordNetIsAClearError() {
        assertThatThrownBy(() -> WordNetDatasetCommand.build(Optional.of(temp), temp.resolve("out")))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("WordNet folder " + temp + " has no file data.noun");
    }
}
