package dev.contrastive4j.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * examples/consumer as a user outside this repository builds it: a copy of the project, built by a separate Maven
 * whose local repository holds no contrastive4j artifact at all (only the third-party ones of this build's local
 * repository, so nothing comes from the network), resolving contrastive4j through the BOM from the repository the
 * build deployed to. It trains with losses-ranking; then the one dependency on contrastive4j-losses-gist is added
 * to its pom, nothing else changes, and gist trains too.
 */
class ConsumerProjectIT {

    private static final String MAIN = "com.example.consumer.TrainTinyModel";
    private static final Pattern LOSSES = Pattern.compile("(?m)^losses: (.*)$");
    private static final Pattern TRAINED = Pattern.compile("(?m)^trained .*: 3 steps, final loss (\\S+)$");
    private static final String GIST_DEPENDENCY = """
                <dependency>
                  <groupId>dev.contrastive4j</groupId>
                  <artifactId>contrastive4j-losses-gist</artifactId>
                </dependency>
            """;

    private Path workspace;

    @Test
    void theConsumerTrainsAgainstTheDeployedArtifactsAndGainsGistByADependencyAlone() throws Exception {
        // In the module's target folder rather than the system's temporary one: on the file system of the checkout,
        // which is more often the local repository's too, so that seeding hard-links instead of copying. The last
        // run's folder is kept until this one starts, to look at when it failed.
        Path target = Path.of(System.getProperty("c4j.it.workFolder"));
        deleteRecursively(target);
        workspace = Files.createDirectories(target);
        StagingRepository staging = PublishedArtifactsIT.staging();
        assertThat(staging.file("contrastive4j-bom", "", "pom"))
                .as("the BOM deployed in %s (run the build's verify phase)", staging.root()).isPresent();
        Path localRepository = SeededLocalRepository.create(Path.of(System.getProperty("c4j.it.localRepository")),
                workspace.resolve("local-repository"), "dev/contrastive4j");
        Path project = copyOfTheConsumerProject();
        Path pom = project.resolve("pom.xml");
        assertThat(Files.readString(pom)).as("the example's default contrastive4j.version")
                .contains("<contrastive4j.version>" + staging.version() + "</contrastive4j.version>");
        Path triplets = project.resolve("data/triplets.jsonl");

        // Core, eval, losses-ranking and data-converters, versions from the BOM, all from the deployed repository.
        List<Path> classPath = build(project, localRepository, staging);
        assertThat(contrastive4jJars(classPath)).extracting(ConsumerProjectIT::artifactId)
                .containsExactlyInAnyOrder("contrastive4j-core", "contrastive4j-eval", "contrastive4j-losses-ranking",
                        "contrastive4j-data-converters");
        assertTheSameBytesAsDeployed(classPath, staging);

        ChildProcess ranking = train(project, classPath, triplets, workspace.resolve("ranking"), "mnrl");
        assertThat(ranking.exitCode()).as(ranking.output()).isZero();
        assertThat(lossesListed(ranking)).contains("mnrl", "cmnrl", "triplet").doesNotContain("gist", "cgist");
        assertTrainedWithAFiniteLoss(ranking);
        assertThat(ranking.output()).as("eval's report of the trained model").contains("triplet.cosine_accuracy",
                "ir.ndcg@10");

        Path gistWork = workspace.resolve("gist");
        String gist = "gist(guide=" + gistWork.resolve("base-model") + ")";
        ChildProcess missing = train(project, classPath, triplets, gistWork, gist);
        assertThat(missing.exitCode()).as(missing.output()).isNotZero();
        assertThat(missing.output()).contains("unknown loss 'gist'. Available: cmnrl, mnrl, triplet");

        String before = Files.readString(pom);
        // The project's own dependencies close with the only "</dependencies>" indented by two spaces.
        String withGist = before.replace("\n  </dependencies>\n", "\n" + GIST_DEPENDENCY + "  </dependencies>\n");
        assertThat(withGist).hasSize(before.length() + GIST_DEPENDENCY.length());
        Files.writeString(pom, withGist);
        List<Path> withGistClassPath = build(project, localRepository, staging);
        assertThat(contrastive4jJars(withGistClassPath)).extracting(ConsumerProjectIT::artifactId)
                .contains("contrastive4j-losses-gist");
        assertTheSameBytesAsDeployed(withGistClassPath, staging);

        ChildProcess guided = train(project, withGistClassPath, triplets, workspace.resolve("gist-again"),
                "gist(guide=" + workspace.resolve("gist-again").resolve("base-model") + ")");
        assertThat(guided.exitCode()).as(guided.output()).isZero();
        assertThat(lossesListed(guided)).contains("gist", "cgist", "margin-mse", "mnrl");
        assertTrainedWithAFiniteLoss(guided);
        // The program is the example's, byte for byte: only the pom changed.
        assertThat(project.resolve("src/main/java/com/example/consumer/TrainTinyModel.java")).hasSameTextualContentAs(
                consumerProject().resolve("src/main/java/com/example/consumer/TrainTinyModel.java"));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    private static Path consumerProject() {
        return Path.of(System.getProperty("c4j.it.consumerProject")).toAbsolutePath().normalize();
    }

    /** The example without anything a local build left in it, in a folder outside the repository. */
    private Path copyOfTheConsumerProject() throws IOException {
        Path source = consumerProject();
        Path copy = workspace.resolve("consumer");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path destination = copy.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
        return copy;
    }

    /**
     * Builds the project with the Maven that runs this build, offline but for file repositories, with empty settings
     * (no mirror of the user's may take over), and returns its run-time class path.
     */
    private List<Path> build(Path project, Path localRepository, StagingRepository staging) throws Exception {
        Path settings = Files.writeString(workspace.resolve("settings.xml"), "<settings/>\n");
        Path maven = Path.of(System.getProperty("c4j.it.mavenHome"), "bin", "mvn");
        List<String> command = List.of(maven.toString(), "-B", "-o", "-Daether.offline.protocols=file",
                "-s", settings.toString(), "-Dmaven.repo.local=" + localRepository,
                "-Dcontrastive4j.version=" + staging.version(),
                "-Dcontrastive4j.repository=" + staging.root().toUri(),
                "process-classes");
        ChildProcess build = ChildProcess.run(command, project,
                Map.of("JAVA_HOME", System.getProperty("java.home"), "MAVEN_ARGS", "", "MAVEN_OPTS", ""), 300);
        assertThat(build.exitCode()).as(build.output()).isZero();
        List<Path> classPath = new ArrayList<>();
        classPath.add(project.resolve("target/classes"));
        for (String entry : Files.readString(project.resolve("target/classpath.txt"), StandardCharsets.UTF_8)
                .strip().split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            assertThat(jar).as("class path entry").startsWith(localRepository);
            classPath.add(jar);
        }
        return classPath;
    }

    private static ChildProcess train(Path project, List<Path> classPath, Path triplets, Path work, String loss)
            throws Exception {
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-Xmx2g", "-cp",
                String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()), MAIN));
        command.addAll(List.of(triplets.toString(), work.toString(), loss));
        return ChildProcess.run(command, project, Map.of("OPT_OUT_TRACKING", "true", "OMP_WAIT_POLICY", "PASSIVE"),
                300);
    }

    private static List<Path> contrastive4jJars(List<Path> classPath) {
        return classPath.stream().filter(entry -> entry.toString().contains("/dev/contrastive4j/")).toList();
    }

    /** The folder above the version folder: the artifactId. */
    private static String artifactId(Path jar) {
        return jar.getParent().getParent().getFileName().toString();
    }

    private static void assertTheSameBytesAsDeployed(List<Path> classPath, StagingRepository staging)
            throws Exception {
        for (Path jar : contrastive4jJars(classPath)) {
            Path deployed = staging.file(artifactId(jar), "", "jar").orElseThrow();
            assertThat(Files.readAllBytes(jar)).as(jar + " against " + deployed)
                    .isEqualTo(Files.readAllBytes(deployed));
        }
    }

    private static List<String> lossesListed(ChildProcess run) {
        Matcher matcher = LOSSES.matcher(run.output());
        assertThat(matcher.find()).as(run.output()).isTrue();
        return Arrays.asList(matcher.group(1).strip().split(" "));
    }

    private static void assertTrainedWithAFiniteLoss(ChildProcess run) {
        Matcher matcher = TRAINED.matcher(run.output());
        assertThat(matcher.find()).as(run.output()).isTrue();
        assertThat(Double.parseDouble(matcher.group(1))).isFinite();
    }
}
