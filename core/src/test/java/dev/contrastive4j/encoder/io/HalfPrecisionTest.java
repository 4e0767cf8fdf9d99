package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfPrecisionTest {

    // binary16 = sign(1) | exponent(5, bias 15) | mantissa(10); value = (-1)^s * 2^(e-15) * (1 + m/1024)

    @Test
    void float16NormalNumbers() {
        assertThat(HalfPrecision.float16ToFloat((short) 0x3C00)).isEqualTo(1.0f);    // e=15, m=0
        assertThat(HalfPrecision.float16ToFloat((short) 0xC000)).isEqualTo(-2.0f);   // s=1, e=16
        assertThat(HalfPrecision.float16ToFloat((short) 0x3800)).isEqualTo(0.5f);    // e=14
        assertThat(HalfPrecision.float16ToFloat((short) 0x7BFF)).isEqualTo(65504f);  // e=30, m=1023: 2^15*(2047/1024)
        // e=13, m=0x155=341: 2^-2 * (1 + 341/1024) = 0.333251953125
        assertThat(HalfPrecision.float16ToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
    }

    @Test
    void float16SubnormalsZerosInfinitiesAndNaN() {
        assertThat(HalfPrecision.float16ToFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
        assertThat(HalfPrecision.float16ToFloat((short) 0x03FF)).isEqualTo((float) (1023 * Math.pow(2, -24)));
        assertThat(HalfPrecision.float16ToFloat((short) 0x0000)).isEqualTo(0.0f);
        assertThat(Float.floatToRawIntBits(HalfPrecision.float16ToFloat((short) 0x8000)))
                .isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(HalfPrecision.float16ToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfPrecision.float16ToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfPrecision.float16ToFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void bfloat16IsTheUpperHalfOfAFloat() {
        assertThat(HalfPrecision.bfloat16ToFloat((short) 0x3F80)).isEqualTo(1.0f);   // 0x3F800000
        assertThat(HalfPrecision.bfloat16ToFloat((short) 0xC040)).isEqualTo(-3.0f);  // 0xC0400000
        // 0x4049: e=128, m=0x49=73: 2 * (1 + 73/128) = 3.140625
        assertThat(HalfPrecision.bfloat16ToFloat((short) 0x4049)).isEqualTo(3.140625f);
        assertThat(HalfPrecision.bfloat16ToFloat((short) 0xFF80)).isEqualTo(Float.NEGATIVE_INFINITY);
    }
}
