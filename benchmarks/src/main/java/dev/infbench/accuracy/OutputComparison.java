package dev.infbench.accuracy;

import dev.infbench.model.HostTensor;
import java.util.List;

/** Compares a cell's outputs with the reference outputs, sample by sample. Pure arithmetic; no backend. */
public final class OutputComparison {
    private OutputComparison() {
    }

    /** Per-sample vectors of both sides, and the classes when the output is a classifier's logits. */
    record Figures(double minCosine, double maxAbsError, Double top1Agreement) {
    }

    /**
     * Text embeddings: the attention-mask-weighted mean over the sequence of {@code [n, seq, hidden]} outputs, the
     * sentence embedding that sentence-transformers models produce; cosine per sentence.
     */
    static double[][] maskedMeanPool(double[][] hidden3d, double[][] mask, int seq, int hidden) {
        int n = hidden3d.length;
        double[][] pooled = new double[n][hidden];
        for (int r = 0; r < n; r++) {
            double weight = 0;
            for (int s = 0; s < seq; s++) {
                double m = mask[r][s];
                weight += m;
                for (int h = 0; h < hidden; h++) {
                    pooled[r][h] += m * hidden3d[r][s * hidden + h];
                }
            }
            for (int h = 0; h < hidden; h++) {
                pooled[r][h] /= Math.max(weight, 1e-9);
            }
        }
        return pooled;
    }

    /** Cosine and max abs error over rows of equal-length vectors. */
    static Figures rows(double[][] ref, double[][] cell) {
        double minCos = Double.POSITIVE_INFINITY;
        double maxAbs = 0;
        for (int r = 0; r < ref.length; r++) {
            minCos = Math.min(minCos, cosine(ref[r], cell[r]));
            for (int i = 0; i < ref[r].length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(ref[r][i] - cell[r][i]));
            }
        }
        return new Figures(minCos, maxAbs, null);
    }

    /**
     * Classifiers and other outputs: each side centred by its own mean over the input set (a shared offset would make
     * unrelated outputs look alike), cosine per sample; top-1 agreement on the raw logits.
     */
    static Figures centred(double[][] ref, double[][] cell, boolean classifier) {
        double[][] rc = centre(ref);
        double[][] cc = centre(cell);
        Figures f = rows(rc, cc);
        double maxAbs = rows(ref, cell).maxAbsError();
        Double top1 = null;
        if (classifier) {
            int agree = 0;
            for (int r = 0; r < ref.length; r++) {
                if (argmax(ref[r]) == argmax(cell[r])) {
                    agree++;
                }
            }
            top1 = agree / (double) ref.length;
        }
        return new Figures(f.minCosine(), maxAbs, top1);
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        if (na == 0 && nb == 0) {
            return 1.0;
        }
        if (na == 0 || nb == 0 || Double.isNaN(dot)) {
            return 0.0;
        }
        return dot / Math.sqrt(na * nb);
    }

    private static double[][] centre(double[][] rows) {
        int dim = rows[0].length;
        double[] mean = new double[dim];
        for (double[] r : rows) {
            for (int i = 0; i < dim; i++) {
                mean[i] += r[i] / rows.length;
            }
        }
        double[][] out = new double[rows.length][dim];
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < dim; i++) {
                out[r][i] = rows[r][i] - mean[i];
            }
        }
        return out;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Row {@code row} of a tensor whose first dimension is the batch, as doubles. */
    static double[] row(HostTensor t, int row) {
        long per = t.count() / t.shape()[0];
        double[] out = new double[(int) per];
        for (int i = 0; i < per; i++) {
            out[i] = t.get(row * per + i);
        }
        return out;
    }

    static List<String> names(List<HostTensor> ts) {
        return ts.stream().map(HostTensor::name).toList();
    }
}
