package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher JVM holds the journal, so it loads no native code: model generation, int8 calibration and the cells
 * run in child JVMs. Proved on a run that must generate from an empty model cache (the image network's fp32 file
 * through libtorch, its int8 variant through ONNX Runtime) and runs an ONNX Runtime and a PyTorch cell, with the
 * launcher sampling its own {@code /proc/self/maps} throughout ({@link NativeMapsProbe}). Any native library a
 * later backend brings (TensorRT, tokenizers, TensorFlow Lite) lands outside the JDK and the system folders, and
 * is caught the same way.
 */
class NativeIsolationIT {
    /** As the maps name it: with symbolic links resolved. */
    private static final Path JAVA_HOME = realPath(Path.of(System.getProperty("java.home")));

    @Test
    void theLauncherMapsNoNativeLibraryButTheJdksWhileItGeneratesAndRuns(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps (Linux)");
        Path maps = dir.resolve("maps.txt");
        ProcessBuilder b = JarRunner.builder(dir, dir.resolve("tmp"), List.of("-D" + NativeMapsProbe.PROPERTY + "="
                + maps), List.of("-p", "model=smallcnn", "-p", "backend=onnxruntime,pytorch", "-p",
                "precision=fp32,int8", "--out", "runs", "--run-id", "native", "-f", "1", "-wi", "0", "-i", "1", "-r",
                "300ms"));
        b.environment().put("INFBENCH_CACHE", dir.resolve("cache").toString());

        JarRunner.Result r = JarRunner.run(b, dir);

        assertThat(r.exit()).as(r.all()).isEqualTo(Launcher.OK);
        assertThat(r.out()).contains("3 measured, 0 failed, 1 pruned");
        try (Stream<Path> cached = Files.list(dir.resolve("cache").resolve("models"))) {
            assertThat(cached.map(p -> p.getFileName().toString())).as("generated during this run")
                    .anyMatch(n -> n.startsWith("smallcnn-fp32-")).anyMatch(n -> n.startsWith("smallcnn-int8-"));
        }
        List<String> libraries = Files.readAllLines(maps).stream().filter(NativeIsolationIT::isSharedLibrary)
                .toList();
        assertThat(libraries).as("the probe sees the JVM's own libraries").anyMatch(l -> l.endsWith("/libjvm.so"));
        assertThat(libraries).as("native libraries the launcher mapped that are neither the JDK's nor the system's")
                .filteredOn(Predicate.not(NativeIsolationIT::jdkOrSystem)).isEmpty();
    }

    @Test
    void theCheckFlagsANativeLibraryFromAnywhereElse() {
        assertThat(jdkOrSystem("/tmp/onnxruntime-java123/libonnxruntime.so (deleted)")).isFalse();
        assertThat(jdkOrSystem("/root/.djl.ai/pytorch/2.7.1-cpu/libtorch_cpu.so")).isFalse();
        assertThat(jdkOrSystem("/usr/lib/jvm/another-jdk/lib/server/libjvm.so")).isFalse();
        assertThat(jdkOrSystem("/usr/lib/x86_64-linux-gnu/libc.so.6")).isTrue();
        assertThat(jdkOrSystem(Path.of(System.getProperty("java.home"), "lib", "libjava.so").toString())).isTrue();
    }

    private static boolean isSharedLibrary(String path) {
        String name = Path.of(path.replace(" (deleted)", "")).getFileName().toString();
        return name.endsWith(".so") || name.contains(".so.");
    }

    /** Under this JVM's home, or in the system's library folders (what the JDK's own libraries link against). */
    private static boolean jdkOrSystem(String mapped) {
        if (mapped.endsWith(" (deleted)")) {
            return false;
        }
        Path p = Path.of(mapped).normalize();
        if (p.startsWith(JAVA_HOME)) {
            return true;
        }
        if (p.startsWith("/usr/lib/jvm")) {
            return false;
        }
        return Stream.of("/lib", "/lib64", "/usr/lib", "/usr/lib64").anyMatch(p::startsWith);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
