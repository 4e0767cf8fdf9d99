package dev.contrastive4j.cli;

import dev.contrastive4j.compare.CompareFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code c4j compare} arguments for tests: a fixture's model and data with quick settings. */
final class CompareArgs {

    private CompareArgs() {
    }

    /** {@code c4j compare} on {@code fixture} with quick settings, followed by {@code extra} arguments. */
    static String[] quick(CompareFixture fixture, Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--model", fixture.model().toString(), "--train",
                fixture.train().toString(), "--test", fixture.test().toString(), "--batch-size", "8", "--lr", "1e-3",
                "--curve-size", "6", "--eval-steps", "1", "--save-steps", "1", "--output", output.toString(),
                "--no-progress"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }
}
