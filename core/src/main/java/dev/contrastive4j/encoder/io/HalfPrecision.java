package dev.contrastive4j.encoder.io;

/**
 * Widening of the two 16-bit float formats found in weight files to {@code float}. Both widenings are exact.
 * (Java 17 has no {@code Float.float16ToFloat}; it arrived in Java 20.)
 */
final class HalfPrecision {

    private HalfPrecision() {
    }

    /** IEEE 754 binary16: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits. */
    static float float16ToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24, exactly representable as a normal float
            float magnitude = Math.scalb((float) mantissa, -24);
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1F) {
            // infinity (mantissa 0) or NaN (payload kept in the top mantissa bits)
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** bfloat16: the upper half of a float32, so widening is a shift. */
    static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
