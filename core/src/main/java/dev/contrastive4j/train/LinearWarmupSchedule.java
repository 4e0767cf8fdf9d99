package dev.contrastive4j.train;

/**
 * Linear warm-up from 0 to the peak learning rate, then linear decay to 0, as Hugging Face's
 * {@code get_linear_schedule_with_warmup}: for the update with 0-based index {@code s},
 * <pre>
 *   lr(s) = peak · s / warmup                              if s &lt; warmup
 *   lr(s) = peak · max(0, (total − s) / (total − warmup))  otherwise
 * </pre>
 *
 * @param peak the learning rate reached at the end of warm-up
 * @param warmupSteps number of warm-up updates
 * @param totalSteps number of updates in the whole run
 */
public record LinearWarmupSchedule(double peak, long warmupSteps, long totalSteps) {

    public LinearWarmupSchedule {
        if (!(peak > 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + peak);
        }
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warm-up steps <= total steps and total >= 1, got warm-up "
                    + warmupSteps + " of " + totalSteps);
        }
    }

    /** A schedule whose warm-up is {@code ratio} of the run, rounded up as Hugging Face does. */
    public static LinearWarmupSchedule withWarmupRatio(double peak, double ratio, long totalSteps) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("warm-up ratio must be in [0, 1], got " + ratio);
        }
        return new LinearWarmupSchedule(peak, (long) Math.ceil(ratio * totalSteps), totalSteps);
    }

    /** The learning rate of the update with 0-based index {@code step}. */
    public double at(long step) {
        if (step < warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        return peak * Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
    }
}
