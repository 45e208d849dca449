package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Generated model files, cached so that no fork generates a model twice: keyed by the SHA-256 of the source model
 * and the transform's id, or by the id of the {@link ModelSource} that makes it. The folder is {@code $INFBENCH_CACHE} or {@code ~/.cache/infbench/models}.
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

    static byte[] generate(ModelVariant v) {
        byte[] source = v.source() == null ? v.base().load() : null;
        String identity = v.source() != null ? "source|" + v.source().id()
                : ModelVariant.sha256(source) + "|" + v.transform().id();
        String key = ModelVariant.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        // A user model is named by its path: only its file name, made safe, goes into the cache's file name.
        String name = Path.of(v.model()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Path file = dir().resolve(name + "-" + v.precision() + "-" + key + ".onnx");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            byte[] bytes = v.source() != null ? v.source().generate()
                    : v.transform().apply(OnnxMl.ModelProto.parseFrom(source)).toByteArray();
            Files.createDirectories(file.getParent());
            // Written under a temporary name and moved: two forks generating at once never see half a file.
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return bytes;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot parse " + v.base().location() + " to generate " + v.model(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated model " + file + ": " + e.getMessage(), e);
        }
    }
}
