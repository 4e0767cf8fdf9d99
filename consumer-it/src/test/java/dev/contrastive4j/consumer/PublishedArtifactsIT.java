package dev.contrastive4j.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What the build deployed into its staging repository (exactly what {@code mvn deploy} publishes): every library
 * module with its jar, sources and Javadoc jars and a POM that describes it; the parent and the BOM with the
 * project's metadata; nothing of the modules that are not libraries.
 */
class PublishedArtifactsIT {

    /** The published library modules; the BOM pins exactly these. */
    static final List<String> LIBRARIES = List.of("contrastive4j-core", "contrastive4j-testkit", "contrastive4j-eval",
            "contrastive4j-losses-ranking", "contrastive4j-losses-angle", "contrastive4j-losses-gist",
            "contrastive4j-data-converters", "contrastive4j-spark");

    static StagingRepository staging() {
        return new StagingRepository(Path.of(System.getProperty("c4j.it.stagingRepository")), "dev.contrastive4j",
                System.getProperty("c4j.it.version"));
    }

    @Test
    void everyLibraryIsDeployedWithSourcesAndJavadocAndADescribedPom() throws Exception {
        StagingRepository staging = staging();
        for (String library : LIBRARIES) {
            for (String classifier : List.of("", "sources", "javadoc")) {
                assertThat(staging.file(library, classifier, "jar"))
                        .as("%s %s jar in %s", library, classifier.isEmpty() ? "main" : classifier, staging.root())
                        .isPresent();
            }
            Element pom = staging.pom(library);
            assertThat(StagingRepository.text(pom, "description")).as(library + " description").isNotBlank();
            assertThat(StagingRepository.text(pom, "parent", "artifactId")).isEqualTo("contrastive4j-parent");
        }
    }

    @Test
    void theParentAndTheBomCarryLicenceScmDevelopersAndAddress() throws Exception {
        StagingRepository staging = staging();
        Element parent = staging.pom("contrastive4j-parent");
        Element bom = staging.pom("contrastive4j-bom");
        for (Element pom : List.of(parent, bom)) {
            assertThat(StagingRepository.text(pom, "description")).isNotBlank();
            assertThat(StagingRepository.text(pom, "url")).startsWith("https://");
            assertThat(StagingRepository.text(pom, "licenses", "license", "name")).isNotBlank();
            assertThat(StagingRepository.text(pom, "licenses", "license", "url")).startsWith("https://");
            assertThat(StagingRepository.text(pom, "developers", "developer", "name")).isNotBlank();
            assertThat(StagingRepository.text(pom, "scm", "connection")).startsWith("scm:git:");
            assertThat(StagingRepository.text(pom, "scm", "url")).startsWith("https://");
        }
        // The BOM has no parent (see bom/pom.xml), so it states the metadata itself: it must say what the parent says.
        for (String[] path : List.of(new String[] {"url"}, new String[] {"licenses"}, new String[] {"developers"},
                new String[] {"scm"}, new String[] {"organization"})) {
            assertThat(StagingRepository.text(bom, path).replaceAll("\\s+", " "))
                    .as(String.join("/", path)).isEqualTo(StagingRepository.text(parent, path).replaceAll("\\s+", " "));
        }
    }

    @Test
    void theBomPinsEveryLibraryAtThisVersionAndNothingElse() throws Exception {
        StagingRepository staging = staging();
        Element bom = staging.pom("contrastive4j-bom");
        assertThat(StagingRepository.text(bom, "version")).isEqualTo(staging.version());
        List<Element> managed = StagingRepository.children(bom, "dependencyManagement", "dependencies", "dependency");
        assertThat(managed).extracting(dependency -> StagingRepository.text(dependency, "artifactId"))
                .containsExactlyInAnyOrderElementsOf(LIBRARIES);
        assertThat(managed).allSatisfy(dependency -> {
            assertThat(StagingRepository.text(dependency, "groupId")).isEqualTo("dev.contrastive4j");
            // The BOM's own version, which an importing project reads in the BOM's context.
            assertThat(StagingRepository.text(dependency, "version")).isIn("${project.version}", staging.version());
        });
        assertThat(StagingRepository.children(bom, "parent")).isEmpty();
    }

    @Test
    void theDistributionTheBenchmarksTheExampleAndThisCheckAreNotDeployed() {
        StagingRepository staging = staging();
        for (String notALibrary : List.of("contrastive4j-cli", "contrastive4j-bench",
                "contrastive4j-example-custom-loss-plugin", "contrastive4j-consumer-it")) {
            assertThat(staging.holds(notALibrary)).as(notALibrary).isFalse();
        }
    }
}
