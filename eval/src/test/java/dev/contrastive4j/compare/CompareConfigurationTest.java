package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.train.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareConfigurationTest {

    @Test
    void aListSplitsAtSemicolonsOutsideParenthesesAndQuotes() {
        List<CompareConfiguration> list = CompareConfiguration.parseList(
                " a = mnrl ; b=0.5*angle + 0.5*triplet(margin=0.5, distance=cosine); c=gist(guide='x;y=z'); ");

        assertThat(list).extracting(CompareConfiguration::name).containsExactly("a", "b", "c");
        assertThat(list).extracting(CompareConfiguration::loss).containsExactly("mnrl",
                "0.5*angle + 0.5*triplet(margin=0.5, distance=cosine)", "gist(guide='x;y=z')");
    }

    @Test
    void aBareLossNameNamesItself() {
        assertThat(CompareConfiguration.parseList("mnrl;cosent")).extracting(CompareConfiguration::name)
                .containsExactly("mnrl", "cosent");
    }

    @Test
    void namesMustBeFolderNamesDistinctAndNotBase() {
        assertThatThrownBy(() -> CompareConfiguration.parseList("a=mnrl; A=triplet"))
                .isInstanceOf(ContrastiveException.class).hasMessageContaining("two configurations are named 'A'");
        assertThatThrownBy(() -> CompareConfiguration.parseList("base=mnrl"))
                .hasMessageContaining("reserved for the untrained base model");
        assertThatThrownBy(() -> CompareConfiguration.parseList("my run=mnrl"))
                .hasMessageContaining("configuration name 'my run'");
        assertThatThrownBy(() -> CompareConfiguration.parseList("0.5*mnrl + 0.5*angle"))
                .hasMessageContaining("expected name=expression");
        assertThatThrownBy(() -> CompareConfiguration.parseList(" ; "))
                .hasMessageContaining("at least one configuration");
    }

    @Test
    void theDefaultsCompareEightConfigurationsIncludingThePairLossesAndTwoCombinations() {
        assertThat(CompareConfiguration.defaults()).extracting(CompareConfiguration::name)
                .containsExactly("mnrl", "cmnrl", "triplet", "gist", "angle", "cosent", "angle+triplet", "mnrl+angle");
        assertThat(CompareConfiguration.defaults().get(6).loss()).isEqualTo("0.5*angle + 0.5*triplet");
    }

    @Test
    void overridesChangeOnlyWhatTheyNameAndEpochsClearAStepLimit() {
        TrainingConfig base = TrainingConfig.defaults().withMaxSteps(10);
        TrainingOverrides overrides = new TrainingOverrides(5e-5, 16, 3, null, null, null, null);

        TrainingConfig config = overrides.applyTo(base);

        assertThat(config.learningRate()).isEqualTo(5e-5);
        assertThat(config.batchSize()).isEqualTo(16);
        assertThat(config.epochs()).isEqualTo(3);
        assertThat(config.maxSteps()).isZero();
        assertThat(config.weightDecay()).isEqualTo(base.weightDecay());
        assertThat(overrides.describe()).isEqualTo("lr=0.00005, batch_size=16, epochs=3");
        assertThat(TrainingOverrides.NONE.applyTo(base)).isEqualTo(base);
    }
}
