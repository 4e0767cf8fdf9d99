package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareConfigFileTest {

    @TempDir
    Path folder;

    @Test
    void yamlWithEveryFieldAndPathsRelativeToTheFile() throws Exception {
        Path file = Files.writeString(folder.resolve("compare.yml"), """
                model: minilm
                train: data/train.jsonl
                train_size: 500
                test: /abs/test.jsonl
                curve_size: 100
                metrics: [ir.ndcg@10]
                seeds: 3
                seed: 7
                epochs: 2
                batch_size: 16
                lr: 3e-5
                eval_steps: 10
                configurations:
                  - name: a
                    loss: mnrl
                  - name: b
                    loss: "0.5*angle + 0.5*triplet"
                    lr: 1e-4
                    max_steps: 20
                """);

        CompareConfigFile config = CompareConfigFile.read(file);

        CompareConfigFile.Content content = config.content();
        assertThat(config.model()).isEqualTo("minilm");
        assertThat(config.resolve(content.train())).isEqualTo(folder.resolve("data/train.jsonl"));
        assertThat(config.resolve(content.test())).isEqualTo(Path.of("/abs/test.jsonl"));
        assertThat(content.trainSize()).isEqualTo(500);
        assertThat(content.metrics()).containsExactly("ir.ndcg@10");
        assertThat(content.seeds()).isEqualTo(3);
        assertThat(content.seed()).isEqualTo(7L);
        assertThat(content.lr()).isEqualTo(3e-5);
        List<CompareConfiguration> configurations = config.configurations();
        assertThat(configurations).extracting(CompareConfiguration::name).containsExactly("a", "b");
        assertThat(configurations.get(1).overrides()).isEqualTo(new TrainingOverrides(1e-4, null, null, 20L, null,
                null, null));
    }

    @Test
    void jsonWorksTooAndAModelFolderBesideTheFileIsFound() throws Exception {
        Files.createDirectories(folder.resolve("my-model"));
        Path file = Files.writeString(folder.resolve("compare.json"), """
                {"model": "my-model", "configurations": [{"name": "a", "loss": "mnrl", "batch_size": 8}]}
                """);

        CompareConfigFile config = CompareConfigFile.read(file);

        assertThat(config.model()).isEqualTo(folder.resolve("my-model").toString());
        assertThat(config.configurations().get(0).overrides().batchSize()).isEqualTo(8);
    }

    @Test
    void anUnknownFieldIsNamedWithItsLineAndTheFieldsThatExist() throws Exception {
        Path file = Files.writeString(folder.resolve("typo.yaml"), """
                seeds: 2
                configurations:
                  - name: a
                    loss: mnrl
                    learning_rate: 1e-4
                """);

        assertThatThrownBy(() -> CompareConfigFile.read(file)).isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("typo.yaml, line 5, column 5:")
                .hasMessageContaining("unknown field 'learning_rate' in configurations[0]")
                .hasMessageContaining("expected one of: batch_size, epochs, loss, lr,");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithItsLine() throws Exception {
        Path file = Files.writeString(folder.resolve("types.yaml"), "seeds: 2\nbatch_size: many\n");

        assertThatThrownBy(() -> CompareConfigFile.read(file))
                .hasMessageContaining("types.yaml, line 2, column")
                .hasMessageContaining("field 'batch_size': expected a whole number");
    }

    @Test
    void aConfigurationWithoutALossOrAnUnknownKindOfFileIsRefused() throws Exception {
        Path noLoss = Files.writeString(folder.resolve("no-loss.yaml"), "configurations:\n  - name: a\n");
        Path text = Files.writeString(folder.resolve("compare.txt"), "seeds: 2\n");

        assertThatThrownBy(() -> CompareConfigFile.read(noLoss).configurations())
                .hasMessageContaining("configurations[0] 'a': expected a 'loss', found none");
        assertThatThrownBy(() -> CompareConfigFile.read(text)).hasMessageContaining("expected a .yaml, .yml or .json");
        assertThatThrownBy(() -> CompareConfigFile.read(folder.resolve("missing.yaml")))
                .hasMessageContaining("no such file");
    }

    @Test
    void brokenSyntaxIsNamedWithItsLine() throws Exception {
        Path file = Files.writeString(folder.resolve("broken.json"), "{\"seeds\": 2,\n \"seed\" 4}\n");

        assertThatThrownBy(() -> CompareConfigFile.read(file))
                .hasMessageContaining("broken.json, line 2, column")
                .hasMessageContaining("not valid JSON");
    }
}
