package dev.contrastive4j.consumer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A fresh Maven local repository holding the third-party artifacts of an existing one and nothing of contrastive4j,
 * so that a build with it can get contrastive4j only from a remote repository, and needs no network for the rest.
 */
final class SeededLocalRepository {

    private SeededLocalRepository() {
    }

    /**
     * Fills {@code target} from {@code source}, leaving out {@code excludedGroupFolder} (e.g. {@code dev/contrastive4j}).
     * Artifact files are hard links where the file system allows (copies otherwise): Maven never rewrites them. The
     * small files Maven may rewrite in place (metadata) are copied, so the source repository is never changed.
     * Resolver bookkeeping is left out: {@code _remote.repositories} (which repository an artifact came from; without
     * it Maven takes a file as locally available for any repository) and {@code *.lastUpdated} (remembered failures).
     */
    static Path create(Path source, Path target, String excludedGroupFolder) throws IOException {
        Path excluded = source.resolve(excludedGroupFolder);
        Files.createDirectories(target);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (dir.equals(excluded)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (!attributes.isRegularFile() || name.equals("_remote.repositories") || name.endsWith(".lastUpdated")) {
                    return FileVisitResult.CONTINUE;
                }
                Path copy = target.resolve(source.relativize(file).toString());
                if (name.endsWith(".xml") || name.endsWith(".properties")) {
                    Files.copy(file, copy);
                } else {
                    link(file, copy);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }

    private static void link(Path existing, Path link) throws IOException {
        try {
            Files.createLink(link, existing);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(existing, link);
        }
    }
}
