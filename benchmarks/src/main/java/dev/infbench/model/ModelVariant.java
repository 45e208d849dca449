package dev.infbench.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of a model at one precision, bundled in the jar as a classpath resource.
 *
 * @param model       catalog name of the model
 * @param precision   the precision this file computes in (fp32, int8...)
 * @param resource    classpath resource of the ONNX file
 * @param description how the variant was made, for reports
 */
public record ModelVariant(String model, String precision, String resource, String description) {

    /** The model file's bytes. Called in the fork, outside the timed region. */
    public byte[] load() {
        try (InputStream in = ModelVariant.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + resource, e);
        }
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
