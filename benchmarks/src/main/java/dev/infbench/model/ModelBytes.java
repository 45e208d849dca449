package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A model file ready for a session: its bytes and, when its tensors read external data, the checked folder that
 * data lies in (sessions resolve locations there, not in the current directory).
 */
public final class ModelBytes {
    private final byte[] bytes;
    private final ExternalData.Checked external;
    private String sha256;

    ModelBytes(byte[] bytes, ExternalData.Checked external) {
        this.bytes = bytes;
        this.external = external;
    }

    /** The model file's own bytes (the protobuf; external data stays in its files). */
    public byte[] bytes() {
        return bytes;
    }

    /** The folder ONNX Runtime must read external data from, or null when the model has none. */
    public Path dataFolder() {
        return external.none() ? null : external.folder();
    }

    public ExternalData.Checked external() {
        return external;
    }

    /**
     * Hex SHA-256 of the model: of the file's bytes, and for a model with external data of every file it reads too
     * (by location and content), so that editing a weights file changes the model's identity.
     */
    public synchronized String sha256() {
        if (sha256 == null) {
            MessageDigest d = digest();
            d.update(bytes);
            ExternalData.digest(d, external);
            sha256 = HexFormat.of().formatHex(d.digest());
        }
        return sha256;
    }

    /** The model with its external data read into its tensors: what transforms work on. */
    public OnnxMl.ModelProto embedded(String what) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(what + " is not an ONNX model (" + e.getMessage() + ")", e);
        }
        return ExternalData.embed(model, external, bytes.length);
    }

    /** One line on the external data, for the effective settings; null when there is none. */
    public String describeExternalData() {
        if (external.none()) {
            return null;
        }
        return String.format(Locale.ROOT, "%d tensor(s) read %s from %d file(s) in %s: %s",
                external.regions().size(), size(external.bytes()), external.files().size(), external.folder(),
                String.join(", ", external.files().keySet()));
    }

    private static String size(long bytes) {
        if (bytes < 10_240) {
            return bytes + " bytes";
        }
        return bytes < 10L << 20 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : bytes < 10L << 30 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20))
                : String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
