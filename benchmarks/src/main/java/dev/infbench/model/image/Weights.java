package dev.infbench.model.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The parameters of an {@link Architecture} by name ({@code conv1.weight}, {@code bn1.mean}...), in layer order,
 * float32, with their shapes. The one weight source both the DJL blocks and the ONNX graph are built from.
 */
public final class Weights {

    /** One parameter: its shape and its values in row-major order. */
    public record Tensor(long[] shape, float[] data) {
        public long count() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Map<String, Tensor> tensors;

    private Weights(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return t;
    }

    /** Replaces a parameter's values (same shape). */
    public void set(String name, float[] data) {
        Tensor t = get(name);
        if (data.length != t.data().length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for shape of " + t.count());
        }
        tensors.put(name, new Tensor(t.shape(), data));
    }

    /** An empty set to be filled by name (when reading weights back from a model file). */
    public static Weights empty() {
        return new Weights(new LinkedHashMap<>());
    }

    public void put(String name, long[] shape, float[] data) {
        tensors.put(name, new Tensor(shape, data));
    }

    /**
     * Seeded random weights: convolutions He-normal (std √(2 / fan-in)), dense layers N(0, 1 / fan-in), biases
     * N(0, 0.01²), BatchNorm scale 1 + N(0, 0.1²) and shift 1 + N(0, 0.1²), the last BatchNorm of each residual
     * branch scaled by {@link #RESIDUAL_GAIN} (shift N(0, 0.01²)), running mean 0 and variance 1 until
     * {@link ImageModels} calibrates them on seeded images.
     */
    public static Weights random(Architecture arch, long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int channels = walk(arch.layers(), arch.channels(), tensors, random);
        if (channels <= 0) {
            throw new IllegalStateException(arch.name() + ": no output channels");
        }
        return new Weights(tensors);
    }

    /** Adds the parameters of {@code layers} taking {@code in} channels; returns the channels they put out. */
    private static int walk(List<Layer> layers, int in, Map<String, Tensor> tensors, Random random) {
        int c = in;
        for (Layer layer : layers) {
            if (layer instanceof Layer.Conv conv) {
                if (c % conv.groups() != 0 || conv.out() % conv.groups() != 0) {
                    throw new IllegalStateException(conv.name() + ": groups do not divide the channels");
                }
                int fanIn = c / conv.groups() * conv.kernel() * conv.kernel();
                tensors.put(conv.name() + ".weight", normal(random, Math.sqrt(2.0 / fanIn),
                        conv.out(), c / conv.groups(), conv.kernel(), conv.kernel()));
                if (conv.bias()) {
                    tensors.put(conv.name() + ".bias", normal(random, 0.01, conv.out()));
                }
                c = conv.out();
            } else if (layer instanceof Layer.BatchNorm bn) {
                Tensor scale = normal(random, 0.1, c);
                for (int i = 0; i < c; i++) {
                    scale.data()[i] += 1;
                }
                tensors.put(bn.name() + ".weight", scale);
                Tensor shift = normal(random, 0.1, c);
                for (int i = 0; i < c; i++) {
                    shift.data()[i] += BATCHNORM_SHIFT;
                }
                tensors.put(bn.name() + ".bias", shift);
                tensors.put(bn.name() + ".mean", new Tensor(new long[] {c}, new float[c]));
                float[] ones = new float[c];
                java.util.Arrays.fill(ones, 1f);
                tensors.put(bn.name() + ".var", new Tensor(new long[] {c}, ones));
            } else if (layer instanceof Layer.Residual residual) {
                int out = walk(residual.branch(), c, tensors, random);
                damp(residual.branch(), tensors);
                int shortcut = walk(residual.shortcut(), c, tensors, random);
                if (out != shortcut) {
                    throw new IllegalStateException("residual branch gives " + out + " channels, shortcut "
                            + shortcut);
                }
                c = out;
            } else if (layer instanceof Layer.Dense dense) {
                tensors.put(dense.name() + ".weight", normal(random, Math.sqrt(1.0 / c), dense.out(), c));
                tensors.put(dense.name() + ".bias", normal(random, 0.01, dense.out()));
                c = dense.out();
            }
        }
        return c;
    }

    /**
     * Mean of every BatchNorm's shift: with data statistics each BatchNorm puts out unit variance, and a shift of 1
     * keeps most ReLUs open.
     */
    static final float BATCHNORM_SHIFT = 1f;
    /** Gain of the last BatchNorm of each residual branch (scale and shift), against the shortcut's 1. */
    static final float RESIDUAL_GAIN = 0.1f;

    /**
     * Why the two constants above: a deep network of random layers, each normalized by data statistics, is
     * chaotic. It amplifies a perturbation anywhere many times on the way to the logits, which trained networks do not
     * (with gain 1 and shift 0, int8 rounding left ResNet-50's centred logits at a cosine of 0.73 to fp32, and
     * MobileNetV2's at 0.07; fp16 rounding alone cost 0.0011 and 0.0042). Damping each residual branch (as residual
     * training recipes initialise its last BatchNorm near zero) and keeping most ReLUs open put the networks in the
     * ordered regime, where rounding errors stay the size they are made: measured with gain 0.1 and shift 1, int8
     * cosines of 0.991 and 0.983 (see models/README.md).
     */
    private static void damp(List<Layer> branch, Map<String, Tensor> tensors) {
        for (int i = branch.size() - 1; i >= 0; i--) {
            if (branch.get(i) instanceof Layer.BatchNorm bn) {
                float[] gamma = tensors.get(bn.name() + ".weight").data();
                float[] beta = tensors.get(bn.name() + ".bias").data();
                for (int k = 0; k < gamma.length; k++) {
                    gamma[k] *= RESIDUAL_GAIN;
                    beta[k] = (beta[k] - BATCHNORM_SHIFT) * RESIDUAL_GAIN;
                }
                return;
            }
        }
    }

    private static Tensor normal(Random random, double std, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] data = new float[Math.toIntExact(n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * std);
        }
        return new Tensor(shape, data);
    }
}
