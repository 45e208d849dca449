package dev.infbench.model.image;

import dev.infbench.model.ModelSource;
import dev.infbench.model.SyntheticImages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The image networks of the catalog, each generated once from a seed: random weights ({@link Weights#random}),
 * then BatchNorm statistics from seeded images (one training-mode pass, {@link BatchNormPass}, sets each BatchNorm's
 * running mean and variance to what it saw, so every layer is normalized and the outputs depend on the input, unlike
 * plain random init), then written as ONNX. The PyTorch backend reads the weights back from that
 * file, so both backends compute the same function on the same weights.
 */
public final class ImageModels {
    /** Bump when generation changes in any way that alters the weights: it is part of the cache key. */
    static final int GENERATOR_VERSION = 4;
    /** Images in the calibration batch ({@link SyntheticImages}, seeded apart from the timing and accuracy inputs). */
    static final int CALIBRATION_IMAGES = 8;
    public static final long SEED = 20261124L;

    private static final Map<String, Architecture> ARCHITECTURES = new LinkedHashMap<>();

    static {
        for (Architecture a : new Architecture[] {Architecture.resnet50(), Architecture.mobilenetv2(),
            Architecture.smallcnn()}) {
            ARCHITECTURES.put(a.name(), a);
        }
    }

    private ImageModels() {
    }

    public static Map<String, Architecture> architectures() {
        return ARCHITECTURES;
    }

    public static Optional<Architecture> architecture(String model) {
        return Optional.ofNullable(ARCHITECTURES.get(model));
    }

    /** The source that generates {@code arch}'s ONNX file with weights from {@code seed}. */
    public static ModelSource source(Architecture arch, long seed) {
        return new ModelSource() {
            @Override
            public String id() {
                return "image-network v" + GENERATOR_VERSION + " seed " + seed + " " + arch.fingerprint();
            }

            @Override
            public String description() {
                return arch.description() + "; seed " + seed;
            }

            @Override
            public byte[] generate() {
                return ImageModels.generate(arch, seed);
            }
        };
    }

    /** Random weights, calibrated BatchNorm statistics, as an ONNX model's bytes. Loads native code. */
    public static byte[] generate(Architecture arch, long seed) {
        return OnnxExport.export(arch, calibrated(arch, seed)).toByteArray();
    }

    /** {@link Weights#random} with every BatchNorm's statistics taken from a seeded calibration batch. */
    public static Weights calibrated(Architecture arch, long seed) {
        float[] images = SyntheticImages.batch(CALIBRATION_IMAGES, arch.channels(), arch.height(), arch.width(),
                seed + 1);
        return BatchNormPass.installed().calibrate(arch, Weights.random(arch, seed), images, CALIBRATION_IMAGES);
    }
}
