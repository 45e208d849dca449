package dev.infbench.model;

import dev.infbench.env.FileErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            byte[] bytes = readFile(file);
            if (ModelCatalog.isTorchScript(file.toString())) {
                return new ModelBytes(bytes, ExternalData.Checked.NONE);
            }
            return new ModelBytes(bytes, checked(file, bytes));
        }
        return new ModelBytes(ModelCache.generate(this), ExternalData.Checked.NONE);
    }

    /**
     * User model files known to have no external data, by path, size and time: a sweep reads the same model for many
     * cells, and parsing a large one each time costs seconds. A model with external data is checked at every read,
     * since the files it names may have changed since.
     */
    private static final java.util.Set<String> WITHOUT_EXTERNAL_DATA =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static ExternalData.Checked checked(Path file, byte[] bytes) {
        String key;
        try {
            key = file.toAbsolutePath() + "|" + bytes.length + "|" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            key = null;
        }
        if (key != null && WITHOUT_EXTERNAL_DATA.contains(key)) {
            return ExternalData.Checked.NONE;
        }
        ExternalData.Checked c = ExternalData.check(file, OnnxGraphInfo.parseModel(file.toString(), bytes));
        if (key != null && c.none()) {
            WITHOUT_EXTERNAL_DATA.add(key);
        }
        return c;
    }

    /** A user's model file, with a reason a user can act on when it cannot be read. */
    static byte[] readFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder, not a model file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": permission denied", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": no such file", e);
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException("model file " + file + " does not fit in this JVM's heap; give the"
                    + " launcher more with -Xmx", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + FileErrors.reason(e), e);
        }
    }

    /** Hex SHA-256 of the given bytes (see {@link ModelBytes#sha256()} for a model's identity in results). */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ModelBytes.digest().digest(bytes));
    }
}
