package dev.contrastive4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of contrastive4j that run records and reports carry. */
public final class Contrastive4j {

    private static final String VERSION = readVersion();

    private Contrastive4j() {
    }

    /** The project version Maven wrote into {@code c4j-version.properties} at build time, or {@code unknown}. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = Contrastive4j.class.getResourceAsStream("c4j-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
