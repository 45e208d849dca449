package dev.infbench.model.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantParamsTest {

    @Test
    void zeroIsExactAndTheRangeSpansAllLevels() {
        QuantParams q = QuantParams.activation(-1f, 3f, 1.0);

        assertThat(q.scales()[0]).isEqualTo(4f / 255, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(q.zeroPoints()[0]).isEqualTo(64); // round(1 / (4/255)) = round(63.75)
    }

    @Test
    void aNonNegativeRangeStartsAtZeroPointZero() {
        assertThat(QuantParams.activation(0.5f, 6f, 1.0).zeroPoints()[0]).isZero();
    }

    @Test
    void anAllZeroTensorStillGetsAUsableScale() {
        QuantParams q = QuantParams.activation(0f, 0f, 1.0);

        assertThat(q.scales()[0]).isEqualTo(1f);
        assertThat(q.zeroPoints()[0]).isZero();
    }

    @Test
    void weightsArePerOutputChannelSymmetricAndClamped() {
        // Two output channels (axis 0) of two values each: max |w| 0.5 and 2.
        float[] w = {0.5f, -0.2f, 2f, 1.5f};
        long[] dims = {2, 2};
        QuantParams q = QuantParams.symmetricWeights(w, dims, 0, 127, 1.0);

        assertThat(q.scales()).containsExactly(0.5f / 127, 2f / 127);
        assertThat(q.zeroPoints()).containsExactly(0, 0);
        assertThat(q.quantizeSymmetric(w, dims, 127)).containsExactly(127, -51, 127, 95); // -50.8 and 95.25 rounded
        // Reduced range (x86 without VNNI): the same weights within [-63, 63].
        QuantParams reduced = QuantParams.symmetricWeights(w, dims, 0, 63, 1.0);
        assertThat(reduced.quantizeSymmetric(w, dims, 63)).containsExactly(63, -25, 63, 47); // -25.2 and 47.25 rounded
    }

    @Test
    void columnsOfAMatMulWeightAreItsChannelsAlongAxisOne() {
        long[] dims = {2, 3};
        assertThat(QuantParams.channel(4, dims, 1)).isEqualTo(1);
        assertThat(QuantParams.channel(5, dims, 1)).isEqualTo(2);
        assertThat(QuantParams.channel(5, dims, 0)).isEqualTo(1);
    }
}
