package dev.contrastive4j.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * Checks that a plugin's compiled classes use contrastive4j's SPI alone (DESIGN.md §2): no other core package, no
 * other plugin, not the PyTorch engine. It reads the class files, so it sees what the jar really needs at run
 * time, whatever the imports say.
 * <pre>{@code
 * @Test
 * void classesReferToNothingOfContrastive4jButTheSpi() {
 *     SpiOnlyCheck.assertSpiOnly(Path.of("target/classes"), "com.example.marginranking");
 * }
 * }</pre>
 */
public final class SpiOnlyCheck {

    private static final String PROJECT = "dev/contrastive4j/";
    private static final String SPI = "dev/contrastive4j/spi/";
    private static final String ENGINE = "ai/djl/pytorch/";

    private SpiOnlyCheck() {
    }

    /**
     * The references that break the rule.
     *
     * @param classesOrJar the plugin's {@code target/classes} or its jar
     * @param ownPackage the plugin's package ({@code dev.contrastive4j.losses.gist}); it and its sub-packages are
     *     the plugin's own
     * @return one line per offending reference, {@code file -> class}; empty when the plugin keeps to the SPI
     */
    public static List<String> violations(Path classesOrJar, String ownPackage) {
        String own = ownPackage.replace('.', '/') + "/";
        return ClassFileReferences.of(classesOrJar).entrySet().stream()
                .flatMap(file -> file.getValue().stream()
                        .filter(type -> forbidden(type, own))
                        .map(type -> file.getKey() + " -> " + type.replace('/', '.')))
                .toList();
    }

    /**
     * Fails when the plugin refers to anything of contrastive4j outside the SPI and its own package, or to the
     * PyTorch engine.
     *
     * @param classesOrJar the plugin's {@code target/classes} or its jar
     * @param ownPackage the plugin's package; it and its sub-packages are the plugin's own
     * @throws AssertionError listing every offending reference
     */
    public static void assertSpiOnly(Path classesOrJar, String ownPackage) {
        List<String> violations = violations(classesOrJar, ownPackage);
        if (!violations.isEmpty()) {
            throw new AssertionError(classesOrJar + " must use dev.contrastive4j.spi only (and its own package "
                    + ownPackage + "), but refers to:\n  " + String.join("\n  ", violations));
        }
    }

    private static boolean forbidden(String type, String own) {
        return (type.startsWith(PROJECT) && !type.startsWith(SPI) && !type.startsWith(own)) || type.startsWith(ENGINE);
    }
}
