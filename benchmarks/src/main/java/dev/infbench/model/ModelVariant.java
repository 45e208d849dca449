package dev.infbench.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One model file at one precision: a resource bundled in the jar, a file of the user's, a file generated from
 * another variant by a {@link ModelTransform} (cached, keyed by the source's hash and the transform), or a file made
 * by a {@link ModelSource} (cached, keyed by its id).
 *
 * @param model       the {@code -p model=} value it belongs to
 * @param precision   the precision it computes in (fp32, int8...)
 * @param description how it was made, for reports
 * @param resource    classpath resource, or null
 * @param file        file on disk, or null
 * @param base        the variant a generated one is made from, or null
 * @param transform   how it is made from {@code base}, or null
 * @param source      what makes it from scratch, or null
 */
public record ModelVariant(String model, String precision, String description, String resource, Path file,
                           ModelVariant base, ModelTransform transform, ModelSource source) {

    public static ModelVariant bundled(String model, String precision, String resource, String description) {
        return new ModelVariant(model, precision, description, resource, null, null, null, null);
    }

    public static ModelVariant ofFile(String model, String precision, Path file, String description) {
        return new ModelVariant(model, precision, description, null, file, null, null, null);
    }

    public static ModelVariant generated(String model, String precision, ModelVariant base, ModelTransform t) {
        return new ModelVariant(model, precision, t.description(), null, null, base, t, null);
    }

    public static ModelVariant synthesized(String model, String precision, ModelSource source) {
        return new ModelVariant(model, precision, source.description(), null, null, null, null, source);
    }

    /** This variant with {@code t} applied to it (e.g. an NHWC input), generated and cached on first use. */
    public ModelVariant with(ModelTransform t) {
        return new ModelVariant(model, precision, description + "; " + t.description(), null, null, this, t, null);
    }

    /** Where the bytes come from, for results: {@code jar:/x.onnx}, a path, or {@code base + transform}. */
    public String location() {
        if (resource != null) {
            return "jar:" + resource;
        }
        if (file != null) {
            return file.toString();
        }
        if (source != null) {
            return "generated:" + source.id();
        }
        return base.location() + " | " + transform.id();
    }

    /** The model file's bytes. Called outside timed regions. */
    public byte[] load() {
        if (resource != null) {
            try (InputStream in = ModelVariant.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("model resource " + resource + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model resource " + resource, e);
            }
        }
        if (file != null) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
            }
        }
        return ModelCache.generate(this);
    }

    /** Hex SHA-256 of the given bytes (the model file's identity in results). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
