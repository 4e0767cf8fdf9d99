package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class C4jTest {

    @Test
    void versionNamesTheProjectVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("c4j 0.").contains("Java 17");
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: c4j", "losses");
    }

    @Test
    void anUnknownCommandIsAUserErrorOnOneLine() {
        CliRun run = CliRun.of("trian");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("c4j: error: Unmatched argument at index 0: 'trian'");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void noCommandIsAUserError() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a command is required");
    }
}
