package dev.contrastive4j.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpiCompatibilityTest {

    @Test
    void theSameVersionAndOlderMinorVersionsOfTheSameMajorAreCompatible() {
        assertThat(SpiCompatibility.incompatibility("1.3", "1.3")).isEmpty();
        assertThat(SpiCompatibility.incompatibility("1.0", "1.3")).isEmpty();
        assertThat(SpiCompatibility.incompatibility(" 1.2 ", "1.3")).isEmpty();
    }

    @Test
    void anotherMajorVersionIsRefusedEitherWay() {
        assertThat(SpiCompatibility.incompatibility("2.0", "1.3")).hasValue("built against SPI 2.0, but this"
                + " contrastive4j provides SPI 1.3 (another major version); use a build of the plugin for SPI 1.x");
        assertThat(SpiCompatibility.incompatibility("0.9", "1.3")).hasValueSatisfying(
                message -> assertThat(message).startsWith("built against SPI 0.9, but this contrastive4j provides SPI 1.3"));
    }

    @Test
    void aNewerMinorVersionIsRefused() {
        assertThat(SpiCompatibility.incompatibility("1.4", "1.3")).hasValue("built against SPI 1.4, but this"
                + " contrastive4j provides SPI 1.3 (it may use what 1.3 lacks); update contrastive4j or use a build"
                + " of the plugin for SPI 1.3");
    }

    @Test
    void aVersionThatIsNotMajorDotMinorIsRefused() {
        assertThat(SpiCompatibility.incompatibility("one", "1.0")).hasValue("declares Contrastive4j-Spi-Version"
                + " 'one' in its manifest, expected MAJOR.MINOR such as 1.0");
        assertThat(SpiCompatibility.incompatibility("1", "1.0")).isPresent();
        assertThat(SpiCompatibility.incompatibility("1.0.2", "1.0")).isPresent();
    }
}
