package dev.infbench.bench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.infbench.format.Json;
import dev.infbench.model.HostTensor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A small fingerprint of one batch's outputs: per output, its shape and up to {@value #SAMPLES} values at an even
 * stride. A cell's first fork writes it after its accuracy gate; each later fork computes its own on the same inputs
 * and checks it against the first: the same model, backend and settings must give the same outputs in every fork.
 *
 * @param outputs one per model output, in the session's order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutputDigest(List<Output> outputs) {
    /** Values kept per output. */
    static final int SAMPLES = 4096;
    /**
     * Least cosine between two forks' values. Forks of one cell run the same kernels on the same inputs; only the
     * order of a parallel reduction may differ, which moves values in their last bits (cosine above 0.999999).
     */
    static final double MIN_COSINE = 0.9999;

    /** One output: its name, shape and sampled values. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Output(String name, long[] shape, float[] values) {
    }

    /** The digest of {@code tensors} (float32, as {@code BackendSession.outputs()} returns them). */
    static OutputDigest of(List<HostTensor> tensors) {
        List<Output> outputs = new ArrayList<>();
        for (HostTensor t : tensors) {
            FloatBuffer all = t.data().duplicate().order(t.data().order()).asFloatBuffer();
            int n = all.remaining();
            int stride = Math.max(1, (n + SAMPLES - 1) / SAMPLES);
            float[] values = new float[(n + stride - 1) / stride];
            for (int i = 0, k = 0; i < n; i += stride) {
                values[k++] = all.get(i);
            }
            outputs.add(new Output(t.name(), t.shape().clone(), values));
        }
        return new OutputDigest(List.copyOf(outputs));
    }

    /** Why {@code later} does not match this digest, in one line; null when it does. */
    String differences(OutputDigest later) {
        if (later.outputs.size() != outputs.size()) {
            return "a later fork has " + later.outputs.size() + " outputs, the first had " + outputs.size();
        }
        for (int i = 0; i < outputs.size(); i++) {
            Output a = outputs.get(i);
            Output b = later.outputs.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.shape(), b.shape())
                    || a.values().length != b.values().length) {
                return "output " + i + " is " + b.name() + Arrays.toString(b.shape()) + " in this fork, "
                        + a.name() + Arrays.toString(a.shape()) + " in the first";
            }
            double cosine = cosine(a.values(), b.values());
            if (!(cosine >= MIN_COSINE)) {
                return String.format(Locale.ROOT, "output %s differs from the first fork's on the same inputs"
                        + " (cosine %.6f, below %.4f): the backend is not deterministic here, or the fork ran"
                        + " something else", a.name(), cosine, MIN_COSINE);
            }
        }
        return null;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i]) || !Float.isFinite(b[i])) {
                if (Float.compare(a[i], b[i]) != 0) {
                    return Double.NaN;
                }
                continue;
            }
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 && nb == 0) {
            return 1;
        }
        return dot / Math.sqrt(na * nb);
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Json.writeAtomically(file, this);
    }

    static OutputDigest read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), OutputDigest.class);
    }
}
