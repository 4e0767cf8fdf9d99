package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearWarmupScheduleTest {

    @Test
    void risesLinearlyThenFallsLinearlyToZero() {
        LinearWarmupSchedule schedule = new LinearWarmupSchedule(1.0, 2, 10);

        assertThat(schedule.at(0)).isZero();
        assertThat(schedule.at(1)).isCloseTo(0.5, within(1e-15));
        assertThat(schedule.at(2)).isCloseTo(1.0, within(1e-15));
        assertThat(schedule.at(6)).isCloseTo(0.5, within(1e-15)); // (10 - 6) / (10 - 2)
        assertThat(schedule.at(9)).isCloseTo(0.125, within(1e-15));
        assertThat(schedule.at(10)).isZero();
        assertThat(schedule.at(12)).isZero();
    }

    @Test
    void warmupRatioRoundsUpLikeHuggingFace() {
        assertThat(LinearWarmupSchedule.withWarmupRatio(2e-5, 0.1, 95).warmupSteps()).isEqualTo(10);
        assertThat(LinearWarmupSchedule.withWarmupRatio(2e-5, 0.0, 95).at(0)).isEqualTo(2e-5);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new LinearWarmupSchedule(0, 0, 10)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new LinearWarmupSchedule(1e-5, 11, 10)).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> LinearWarmupSchedule.withWarmupRatio(1e-5, 1.5, 10)).hasMessageContaining("ratio");
    }
}
