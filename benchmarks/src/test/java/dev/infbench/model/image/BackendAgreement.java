package dev.infbench.model.image;

import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelVariant;
import dev.infbench.model.SyntheticImages;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs an image network's variants on a backend over seeded images and compares outputs. */
final class BackendAgreement {
    private BackendAgreement() {
    }

    static CellConfig cell(String model, String backend, String layout, String precision, int batch) throws Exception {
        Map<Parameter, String> m = new EnumMap<>(Parameter.class);
        m.put(Parameter.MODEL, model);
        m.put(Parameter.BACKEND, backend);
        m.put(Parameter.LAYOUT, layout);
        m.put(Parameter.PRECISION, precision);
        m.put(Parameter.BATCH, Integer.toString(batch));
        m.put(Parameter.THREADS, "0");
        return CellConfig.of(m);
    }

    /** {@code batches} batches of {@code batch} seeded synthetic images. */
    static List<InputBatch> images(Architecture arch, int batches, int batch, long seed) {
        List<InputBatch> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            long[] shape = {batch, arch.channels(), arch.height(), arch.width()};
            float[] values = SyntheticImages.batch(batch, arch.channels(), arch.height(), arch.width(), seed + b);
            out.add(InputBatch.of(List.of(HostTensor.ofFloats(OnnxExport.INPUT, shape, values))));
        }
        return out;
    }

    /** Every sample's output row, in order, from the given session. */
    static double[][] run(CellConfig cell, ModelVariant variant, List<InputBatch> inputs) throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (BackendSession s = Backends.get(cell.backend()).open(cell, variant)) {
            for (InputBatch b : inputs) {
                s.bind(b);
                HostTensor out = s.outputs().get(0);
                long n = out.shape()[0];
                long per = out.count() / n;
                for (int r = 0; r < n; r++) {
                    double[] row = new double[(int) per];
                    for (int i = 0; i < per; i++) {
                        row[i] = out.get(r * per + i);
                    }
                    rows.add(row);
                }
            }
        }
        return rows.toArray(new double[0][]);
    }

    /** Each output centred by its mean over the input set (per class). */
    static double[][] centred(double[][] rows) {
        int k = rows[0].length;
        double[] mean = new double[k];
        for (double[] r : rows) {
            for (int i = 0; i < k; i++) {
                mean[i] += r[i] / rows.length;
            }
        }
        double[][] out = new double[rows.length][k];
        for (int s = 0; s < rows.length; s++) {
            for (int i = 0; i < k; i++) {
                out[s][i] = rows[s][i] - mean[i];
            }
        }
        return out;
    }

    /**
     * Relative error of {@code b} against {@code a} over the whole output set: ‖a − b‖ / ‖a‖ (Euclidean norms over
     * every sample and class), the usual tensor definition; element-wise ratios are meaningless for centred values
     * near zero.
     */
    static double relativeError(double[][] a, double[][] b) {
        double diff = 0;
        double norm = 0;
        for (int s = 0; s < a.length; s++) {
            for (int i = 0; i < a[s].length; i++) {
                diff += (a[s][i] - b[s][i]) * (a[s][i] - b[s][i]);
                norm += a[s][i] * a[s][i];
            }
        }
        return Math.sqrt(diff / norm);
    }

    /** The worst single difference over the largest value: max |a − b| / max |a|. */
    static double worstError(double[][] a, double[][] b) {
        double diff = 0;
        double scale = 0;
        for (int s = 0; s < a.length; s++) {
            for (int i = 0; i < a[s].length; i++) {
                diff = Math.max(diff, Math.abs(a[s][i] - b[s][i]));
                scale = Math.max(scale, Math.abs(a[s][i]));
            }
        }
        return diff / scale;
    }
}
