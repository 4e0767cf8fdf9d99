package dev.contrastive4j.losses.ranking;

import dev.contrastive4j.testkit.SpiOnlyCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The plugin's compiled classes refer to nothing of contrastive4j but the SPI package (DESIGN.md §2), and not to the
 * PyTorch engine: read from the class files, so that whatever the jar needs at run time is seen.
 */
class SpiOnlyDependencyTest {

    @Test
    void classFilesReferToNothingOfContrastive4jButTheSpi() {
        SpiOnlyCheck.assertSpiOnly(Path.of("target", "classes"), "dev.contrastive4j.losses.ranking");
    }
}
