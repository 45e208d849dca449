package dev.infbench.model;

import dev.infbench.env.FileErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

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
        return read().bytes();
    }

    /**
     * The model file ready for a session. A user's ONNX file is untrusted: its external data is checked
     * ({@link ExternalData#check}) before anything can open it, and the folder it lies in comes along.
     */
    public ModelBytes read() {
        if (resource != null) {
            try (InputStream in = ModelVariant.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("model resource " + resource + " is missing from the jar");
                }
                return new ModelBytes(in.readAllBytes(), ExternalData.Checked.NONE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model resource " + resource, e);
            }
        }
        if (file != null) {
            String before = identity(file);
            byte[] bytes = readFile(file);
            if (ModelCatalog.isTorchScript(file.toString())) {
                return new ModelBytes(bytes, ExternalData.Checked.NONE);
            }
            // Only a file that did not change while it was read may be remembered as checked.
            String key = before != null && before.equals(identity(file)) ? before : null;
            return new ModelBytes(bytes, checked(file, bytes, key));
        }
        return new ModelBytes(ModelCache.generate(this), ExternalData.Checked.NONE);
    }

    /**
     * User model files known to have no external data, by {@link #identity}: a sweep reads the same model for many
     * cells, and parsing a large one each time costs seconds. A model with external data is checked at every read,
     * since the files it names may have changed since.
     */
    private static final java.util.Set<String> WITHOUT_EXTERNAL_DATA =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static ExternalData.Checked checked(Path file, byte[] bytes, String identity) {
        if (identity != null && WITHOUT_EXTERNAL_DATA.contains(identity)) {
            return ExternalData.Checked.NONE;
        }
        ExternalData.Checked c = ExternalData.check(file, OnnxGraphInfo.parseModel(file.toString(), bytes));
        if (identity != null && c.none()) {
            WITHOUT_EXTERNAL_DATA.add(identity);
        }
        return c;
    }

    /**
     * The file's path, device, inode, size and change time: the change time moves with every write and cannot be set
     * by the file's owner (a modification time can). Null where the file system does not say (no cache then).
     */
    private static String identity(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,ctime");
            return file.toAbsolutePath() + "|" + a.get("dev") + "|" + a.get("ino") + "|" + a.get("size") + "|"
                    + a.get("ctime");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Why {@code file} cannot be read as a model, in words a user can act on ("is a folder, not a model file"), or
     * null when it can.
     */
    public static String unreadable(Path file) {
        if (Files.isDirectory(file)) {
            return "is a folder, not a model file";
        }
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (!Files.isRegularFile(file)) {
            return "not a regular file (a device or FIFO)";
        }
        return Files.isReadable(file) ? null : "cannot read it: permission denied";
    }

    /** A user's model file, with a reason a user can act on when it cannot be read. */
    static byte[] readFile(Path file) {
        String problem = unreadable(file);
        if (problem != null) {
            throw new IllegalArgumentException(file + ": " + problem);
        }
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": permission denied", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": no such file", e);
        } catch (OutOfMemoryError e) {
            long size = file.toFile().length();
            throw new IllegalArgumentException(size >= Integer.MAX_VALUE - 8
                    ? "model file " + file + " is " + size + " bytes, more than an ONNX file can be (protobuf's 2 GiB"
                    + " limit): a model this big keeps its weights as external data beside a small .onnx file"
                    : "model file " + file + " (" + size + " bytes) does not fit in this JVM's heap; give it more"
                    + " with -Xmx (and -jvmArgsAppend -Xmx... for the forks)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + FileErrors.reason(e), e);
        }
    }

    /** Hex SHA-256 of the given bytes (see {@link ModelBytes#sha256()} for a model's identity in results). */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ModelBytes.digest().digest(bytes));
    }
}
