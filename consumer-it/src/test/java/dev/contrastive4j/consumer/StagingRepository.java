package dev.contrastive4j.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The file repository the build deployed its published modules to (Maven's remote layout): where an artifact's files
 * are, resolving a snapshot to its newest deployment through {@code maven-metadata.xml}, and what its POM says.
 */
record StagingRepository(Path root, String groupId, String version) {

    Path versionFolder(String artifactId) {
        return root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
    }

    boolean holds(String artifactId) {
        return Files.isDirectory(root.resolve(groupId.replace('.', '/')).resolve(artifactId));
    }

    /** The newest deployed file of the artifact with this classifier ("" for none) and extension, if any. */
    Optional<Path> file(String artifactId, String classifier, String extension) throws Exception {
        String suffix = (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
        Path folder = versionFolder(artifactId);
        if (!version.endsWith("-SNAPSHOT")) {
            return existing(folder.resolve(artifactId + "-" + version + suffix));
        }
        Path metadata = folder.resolve("maven-metadata.xml");
        if (!Files.isRegularFile(metadata)) {
            return Optional.empty();
        }
        for (Element snapshot : children(read(metadata).getDocumentElement(), "versioning", "snapshotVersions",
                "snapshotVersion")) {
            if (text(snapshot, "classifier").equals(classifier) && text(snapshot, "extension").equals(extension)) {
                return existing(folder.resolve(artifactId + "-" + text(snapshot, "value") + suffix));
            }
        }
        return Optional.empty();
    }

    /** The deployed POM of the artifact, parsed. */
    Element pom(String artifactId) throws Exception {
        Path pom = file(artifactId, "", "pom").orElseThrow(() -> new AssertionError(
                "no POM of " + artifactId + " " + version + " in " + root));
        return read(pom).getDocumentElement();
    }

    /** The elements reached from {@code from} by following the child names in order. */
    static List<Element> children(Element from, String... path) {
        List<Element> current = List.of(from);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element element : current) {
                NodeList nodes = element.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    Node node = nodes.item(i);
                    if (node instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** The trimmed text of the first element at this path below {@code from}, or "" if there is none. */
    static String text(Element from, String... path) {
        List<Element> found = children(from, path);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    private static Optional<Path> existing(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static Document read(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        try (InputStream in = Files.newInputStream(xml)) {
            return factory.newDocumentBuilder().parse(in, xml.toUri().toString());
        } catch (IOException e) {
            throw new IOException("cannot read " + xml + ": " + e.getMessage(), e);
        }
    }
}
