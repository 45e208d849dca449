package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import dev.infbench.env.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Generated model files, cached so that no fork generates a model twice: keyed by the SHA-256 of the source model
 * and the transform's id, or by the id of the {@link ModelSource} that makes it. The folder is
 * {@code $INFBENCH_CACHE} or {@code ~/.cache/infbench/models}.
 */
public final class ModelCache {
    private ModelCache() {
    }

    public static Path dir() {
        String env = System.getenv("INFBENCH_CACHE");
        Path root = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "infbench");
        return root.resolve("models");
    }

    /**
     * Why this JVM must not generate model files, or null when it may. The launcher sets it: generating runs native
     * code (libtorch, ONNX Runtime), which runs in child JVMs only.
     */
    private static volatile String generationRefused;

    /** From now on this JVM reads cached model files but never generates one; {@code why} says where it should. */
    public static void refuseGeneration(String why) {
        generationRefused = why;
    }

    /**
     * True when {@code v}'s bytes can be read without generating anything: a bundled or user file, or a generated
     * file already in the cache (and, for a transform, its source too).
     */
    public static boolean isReady(ModelVariant v) {
        if (v.resource() != null || v.file() != null) {
            return true;
        }
        if (v.source() == null && !isReady(v.base())) {
            return false;
        }
        return Files.isRegularFile(file(v, v.source() == null ? v.base().read() : null));
    }

    /** The cache file of a generated variant; {@code source} is the base's bytes for a transform, else null. */
    private static Path file(ModelVariant v, ModelBytes source) {
        // The source's identity covers its external data too: editing a weights file beside a user model must not
        // reuse a variant generated from the old weights.
        String identity = v.source() != null ? "source|" + v.source().id()
                : source.sha256() + "|" + v.transform().id();
        String key = ModelVariant.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        // A user model is named by its path: only its file name, made safe, goes into the cache's file name.
        String name = Path.of(v.model()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return dir().resolve(name + "-" + v.precision() + "-" + key + ".onnx");
    }

    static byte[] generate(ModelVariant v) {
        ModelBytes source = v.source() == null ? v.base().read() : null;
        Path file = file(v, source);
        if (Files.isRegularFile(file)) {
            try {
                return trusted(file, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cached model " + file + ": " + FileErrors.reason(e)
                        + "; delete it, or set INFBENCH_CACHE to another folder", e);
            }
        }
        if (generationRefused != null) {
            throw new IllegalStateException("internal error: " + v.model() + "@" + v.precision() + " is not in the"
                    + " model cache, and " + generationRefused);
        }
        // Generated files always carry their data: a location is never copied from the source.
        byte[] bytes = v.source() != null ? v.source().generate()
                : v.transform().apply(source.embedded(v.base().location())).toByteArray();
        try {
            Files.createDirectories(file.getParent());
            // Written under a temporary name and moved: two forks generating at once never see half a file.
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(unwritable(e), e);
        }
    }

    /**
     * A cached file as the suite wrote it: an ONNX model that carries its own data. The cache may be a shared folder
     * ({@code INFBENCH_CACHE}); a file planted there that names external data would be opened with locations resolved
     * from the current directory, so it is refused.
     */
    private static byte[] trusted(Path file, byte[] bytes) {
        OnnxMl.ModelProto m;
        try {
            m = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new UnsafeModelException("the cached model " + file + " is not an ONNX model (a torn or foreign"
                    + " file): delete it and run again");
        }
        if (!ExternalData.references(m).isEmpty()) {
            throw new UnsafeModelException("the cached model " + file + " names external data, which the suite never"
                    + " writes (a file planted in the cache?): delete it and run again");
        }
        return bytes;
    }

    /** Says what the cache is, why it failed, and how to move it. */
    static String unwritable(IOException e) {
        return "cannot write to the model cache " + dir() + " (generated model variants are kept there): "
                + FileErrors.reason(e) + "; set INFBENCH_CACHE to a writable folder";
    }

    /** Stops a run before it starts when generated models could not be kept. */
    public static void requireWritable() {
        Path d = dir();
        try {
            Files.createDirectories(d);
            Path probe = Files.createTempFile(d, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UncheckedIOException(unwritable(e), e);
        }
    }
}
