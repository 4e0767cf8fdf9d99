package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.ParameterSpec;

/** The {@code scale} parameter the two ranking losses share: its spec and its check. */
final class ScaleParameter {

    static final String NAME = "scale";

    private ScaleParameter() {
    }

    /** The spec, with the loss's default. */
    static ParameterSpec spec(double defaultValue) {
        return ParameterSpec.number(NAME, defaultValue,
                "Inverse temperature: multiplies the similarities before the exponential.").greaterThan(0);
    }

    /** Returns {@code scale} if it is a finite number above 0; the check for losses built without a spec. */
    static double require(String lossName, double scale) {
        if (!(Double.isFinite(scale) && scale > 0)) {
            throw new ContrastiveException("loss '" + lossName + "': parameter 'scale' must be a finite number > 0,"
                    + " got " + scale);
        }
        return scale;
    }
}
