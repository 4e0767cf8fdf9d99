package dev.contrastive4j.plugin;

import dev.contrastive4j.spi.SpiVersion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a plugin built against one SPI version can run on a core that provides another, by the rules
 * of {@link SpiVersion}: same major version, and a minor version no newer than the core's.
 */
final class SpiCompatibility {

    private static final Pattern VERSION = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    private SpiCompatibility() {
    }

    /**
     * Why a plugin that declares {@code declared} cannot run on a core that provides {@code provided}, in one
     * line; empty when it can.
     */
    static Optional<String> incompatibility(String declared, String provided) {
        Matcher plugin = VERSION.matcher(declared.strip());
        Matcher core = VERSION.matcher(provided);
        if (!core.matches()) {
            throw new IllegalArgumentException("the core's SPI version must be MAJOR.MINOR, got '" + provided + "'");
        }
        if (!plugin.matches()) {
            return Optional.of("declares " + SpiVersion.MANIFEST_ATTRIBUTE + " '" + declared
                    + "' in its manifest, expected MAJOR.MINOR such as " + provided);
        }
        int pluginMajor = Integer.parseInt(plugin.group(1));
        int coreMajor = Integer.parseInt(core.group(1));
        String both = "built against SPI " + declared.strip() + ", but this contrastive4j provides SPI " + provided;
        if (pluginMajor != coreMajor) {
            return Optional.of(both + " (another major version); use a build of the plugin for SPI "
                    + coreMajor + ".x");
        }
        if (Integer.parseInt(plugin.group(2)) > Integer.parseInt(core.group(2))) {
            return Optional.of(both + " (it may use what " + provided + " lacks); update contrastive4j or use a"
                    + " build of the plugin for SPI " + provided);
        }
        return Optional.empty();
    }
}
