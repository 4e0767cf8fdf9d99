package dev.contrastive4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpiVersionTest {

    @Test
    void currentIsMajorDotMinor() {
        assertThat(SpiVersion.CURRENT).matches("\\d+\\.\\d+");
    }

    @Test
    void theBuildWritesTheCurrentVersionIntoPluginManifests() throws Exception {
        // The plugin modules' poms put ${contrastive4j.spi.version} into their jar manifests.
        String parentPom = Files.readString(Path.of("..", "pom.xml"));
        Matcher property = Pattern.compile("<contrastive4j\\.spi\\.version>([^<]*)</contrastive4j\\.spi\\.version>")
                .matcher(parentPom);

        assertThat(property.find()).as("contrastive4j.spi.version in the parent pom").isTrue();
        assertThat(property.group(1)).isEqualTo(SpiVersion.CURRENT);
    }
}
