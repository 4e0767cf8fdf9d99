package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Using contrastive4j from Java" program, taken from the README as it is, compiled against this module's
 * class path and run on a tiny model: the program a reader copies is the program that works.
 */
class ReadmeJavaExampleTest {

    private static final Pattern PROGRAM = Pattern.compile(
            "```java\\n(import dev\\.contrastive4j[^`]*?public class (\\w+) \\{.*?)```", Pattern.DOTALL);

    @TempDir
    Path workspace;

    @Test
    void theReadmeProgramCompilesTrainsTwoConfigurationsAndPrintsTheTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher program = PROGRAM.matcher(readme);
        assertThat(program.find()).as("a complete Java program in README.md").isTrue();
        Path source = workspace.resolve("src").resolve(program.group(2) + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, program.group(1), StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(workspace.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream compilerOutput = new ByteArrayOutputStream();
        int compiled = javac.run(null, compilerOutput, compilerOutput, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), source.toString());
        assertThat(compiled).as(compilerOutput.toString(StandardCharsets.UTF_8)).isZero();

        CompareFixture fixture = CompareFixture.create(workspace);
        Path output = workspace.resolve("compare");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream standardOut = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass(program.group(2)).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {fixture.model().toString(), fixture.train().toString(),
                fixture.test().toString(), output.toString()});
        } finally {
            System.setOut(standardOut);
        }

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).containsPattern("\\| mnrl +\\| mnrl +\\|")
                .containsPattern("\\| angle\\+triplet +\\| 0\\.7\\*angle").contains("best: {");
        for (String name : List.of("mnrl", "angle+triplet")) {
            assertThat(RunRecord.read(output.resolve(name).resolve("seed-42")).ok()).as(name).isTrue();
        }
        assertThat(output.resolve(ComparisonReport.HTML_FILE)).isRegularFile();
    }
}
