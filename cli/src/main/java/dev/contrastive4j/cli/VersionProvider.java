package dev.contrastive4j.cli;

import dev.contrastive4j.Contrastive4j;
import picocli.CommandLine.IVersionProvider;

/** {@code c4j --version}: the build's version and the Java that runs it. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "c4j " + Contrastive4j.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
