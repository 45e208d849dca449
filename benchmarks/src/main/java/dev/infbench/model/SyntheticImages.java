package dev.infbench.model;

import java.util.Random;

/**
 * Seeded images that differ from one another the way photographs do, not only pixel by pixel: each image and
 * channel gets its own brightness, contrast and a few low-frequency waves of random direction and phase, plus
 * pixel noise for texture. With white noise instead, every image has the same statistics and a network's global pooling
 * averages the differences away, so unrelated images give nearly the same output and an accuracy check could not
 * tell a right network from a wrong one.
 */
public final class SyntheticImages {
    /** Bump whenever the images change: variants calibrated on them are cached under it. */
    public static final int VERSION = 2;
    private static final int WAVES = 3;
    /**
     * Standard deviation of the pixel noise, the images' only fine texture. Random 3x3 filters mostly see texture, and
     * the data-normalized BatchNorms scale whatever they see to unit variance: with too little texture (0.1 was
     * tried) 8-bit rounding of the input alone moved MobileNetV2's logits by several percent, which 8-bit photographs
     * with real texture do not suffer.
     */
    private static final double PIXEL_NOISE = 0.5;

    private SyntheticImages() {
    }

    /** Fills {@code images} (row-major [n, c, h, w]) with seeded images. */
    public static void fill(float[] images, int n, int c, int h, int w, Random random) {
        if ((long) n * c * h * w != images.length) {
            throw new IllegalArgumentException("shape " + n + "x" + c + "x" + h + "x" + w + " does not hold "
                    + images.length + " values");
        }
        int at = 0;
        for (int image = 0; image < n; image++) {
            double brightness = random.nextGaussian();
            for (int ch = 0; ch < c; ch++) {
                double offset = brightness + 0.5 * random.nextGaussian();
                double[] amplitude = new double[WAVES];
                double[] fx = new double[WAVES];
                double[] fy = new double[WAVES];
                double[] phase = new double[WAVES];
                for (int k = 0; k < WAVES; k++) {
                    amplitude[k] = 0.3 + random.nextDouble();
                    double cycles = 0.5 + 3.5 * random.nextDouble();
                    double angle = 2 * Math.PI * random.nextDouble();
                    fx[k] = 2 * Math.PI * cycles * Math.cos(angle) / w;
                    fy[k] = 2 * Math.PI * cycles * Math.sin(angle) / h;
                    phase[k] = 2 * Math.PI * random.nextDouble();
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double v = offset;
                        for (int k = 0; k < WAVES; k++) {
                            v += amplitude[k] * Math.sin(fx[k] * x + fy[k] * y + phase[k]);
                        }
                        images[at++] = (float) (v + PIXEL_NOISE * random.nextGaussian());
                    }
                }
            }
        }
    }

    /** A seeded [n, c, h, w] batch. */
    public static float[] batch(int n, int c, int h, int w, long seed) {
        float[] images = new float[Math.toIntExact((long) n * c * h * w)];
        fill(images, n, c, h, w, new Random(seed));
        return images;
    }
}
