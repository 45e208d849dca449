package dev.infbench.model.quantize;

/**
 * The scale and zero point of one quantized tensor: one pair per tensor, or one per channel along {@code axis}.
 * Real value = scale × (quantized − zero point).
 */
record QuantParams(float[] scales, int[] zeroPoints, int axis) {
    /** uint8 activations: the range widened to include 0 (so that 0 is exact), 256 levels. */
    static final int U8_MAX = 255;

    /**
     * Asymmetric uint8 parameters for an activation observed within [min, max]. {@code scaleError} multiplies the
     * scale (1 for a true quantization; the gate's negative control uses 100).
     */
    static QuantParams activation(float min, float max, double scaleError) {
        double lo = Math.min(0.0, min);
        double hi = Math.max(0.0, max);
        double scale = (hi - lo) / U8_MAX;
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = 1.0; // a tensor that was all zeros on the calibration inputs: any scale represents it
        }
        scale *= scaleError;
        int zp = (int) Math.max(0, Math.min(U8_MAX, Math.rint(-lo / scale)));
        return new QuantParams(new float[] {(float) scale}, new int[] {zp}, -1);
    }

    /**
     * Symmetric int8 parameters for a weight, per channel along {@code axis} of {@code dims} (or per tensor when
     * {@code axis} is -1): scale = max|w| / qmax, zero point 0.
     */
    static QuantParams symmetricWeights(float[] w, long[] dims, int axis, int qmax, double scaleError) {
        int channels = axis < 0 ? 1 : (int) dims[axis];
        float[] maxAbs = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = channel(i, dims, axis);
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(w[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            double s = maxAbs[c] > 0 ? maxAbs[c] / (double) qmax : 1.0;
            scales[c] = (float) (s * scaleError);
        }
        return new QuantParams(scales, new int[channels], axis);
    }

    /** The channel of flat index {@code i} of a row-major tensor of {@code dims}, along {@code axis}. */
    static int channel(int i, long[] dims, int axis) {
        if (axis < 0) {
            return 0;
        }
        long inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        return (int) ((i / inner) % dims[axis]);
    }

    /** {@code w} quantized to int8 with these (symmetric) parameters, clamped to ±qmax. */
    byte[] quantizeSymmetric(float[] w, long[] dims, int qmax) {
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            double v = Math.rint(w[i] / (double) scales[channel(i, dims, axis)]); // half to even, as ONNX rounds
            q[i] = (byte) Math.max(-qmax, Math.min(qmax, v));
        }
        return q;
    }
}
