package dev.infbench.accuracy;

import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Layout;
import dev.infbench.config.Parameter;
import dev.infbench.config.Precision;
import dev.infbench.config.UsageException;
import dev.infbench.format.Accuracy;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.InputFactory;
import dev.infbench.model.InputSpec;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.TextInputs;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a cell's outputs against the model's fp32 reference, in the fork, before timing starts. The inputs are kept
 * apart from the timing (and calibration) inputs: the accuracy sentences for text models, a separately seeded set
 * for the others. The reference runs on ONNX Runtime's CPU provider with default options.
 */
public final class AccuracyGate {
    /**
     * Synthetic inputs compared for models without a tokenizer: 64, so that top-1 agreement has a resolution of
     * 1/64 (with 16, one disagreement is 0.9375 and a 0.95 threshold demanded all to agree).
     */
    static final int SYNTHETIC_SAMPLES = 64;
    /** Seed of the synthetic accuracy inputs; differs from the timing seed. */
    static final long SEED = 7_919L;

    private AccuracyGate() {
    }

    public static Accuracy check(CellConfig cell, ModelSpec model, BackendSession session, List<InputSpec> specs)
            throws Exception {
        List<String> sentences = model.tokenizer() != null ? TextInputs.sentences(TextInputs.ACCURACY) : null;
        int samples = sentences != null ? sentences.size() : SYNTHETIC_SAMPLES;
        List<InputBatch> chunks = new ArrayList<>();
        for (int start = 0; start < samples; start += cell.batch()) {
            List<String> rows = null;
            if (sentences != null) {
                rows = new ArrayList<>();
                for (int i = 0; i < cell.batch(); i++) {
                    rows.add(sentences.get((start + i) % samples)); // the last chunk wraps; extra rows not compared
                }
            }
            chunks.add(InputFactory.make(model, specs, rows, SEED + start).batch());
        }
        List<List<HostTensor>> cellOut = run(session, chunks);
        List<List<HostTensor>> refOut;
        // A TorchScript file is its own reference, on PyTorch; everything else is checked against ONNX Runtime.
        String referenceBackend = model.torchScript() ? "pytorch" : Backends.REFERENCE;
        try (BackendSession ref = Backends.get(referenceBackend).open(referenceCell(cell, referenceBackend),
                model.reference())) {
            refOut = run(ref, chunks);
        }
        return compare(cell, model, specs, chunks, refOut, cellOut, samples);
    }

    /** The same shapes and threads, fp32, ONNX Runtime on the CPU with its default options. */
    static CellConfig referenceCell(CellConfig cell) throws UsageException {
        return referenceCell(cell, Backends.REFERENCE);
    }

    /** The same shapes and threads, fp32, {@code backend} on the CPU with its default options, NCHW. */
    static CellConfig referenceCell(CellConfig cell, String backend) throws UsageException {
        Map<Parameter, String> v = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            v.put(p, cell.get(p));
        }
        v.put(Parameter.BACKEND, backend);
        v.put(Parameter.TARGET, "cpu");
        v.put(Parameter.LAYOUT, Layout.NCHW.label());
        v.put(Parameter.PRECISION, Precision.FP32.label());
        v.put(Parameter.INTEROP, "1");
        v.put(Parameter.OPTIONS, "none");
        return CellConfig.of(v);
    }

    private static List<List<HostTensor>> run(BackendSession s, List<InputBatch> chunks) throws Exception {
        List<List<HostTensor>> out = new ArrayList<>();
        for (InputBatch b : chunks) {
            s.bind(b);
            out.add(s.outputs());
        }
        return out;
    }

    /**
     * An output without a batch dimension (a scalar, or a first dimension that is not the batch) has no per-sample
     * rows: the outputs of every call are joined into one vector per side and compared by one cosine.
     */
    private static Accuracy wholeOutputs(CellConfig cell, ModelSpec model, List<List<HostTensor>> refOut,
                                               List<List<HostTensor>> cellOut) {
        List<Double> ref = new ArrayList<>();
        List<Double> got = new ArrayList<>();
        for (int c = 0; c < refOut.size(); c++) {
            HostTensor r = refOut.get(c).get(0);
            HostTensor g = sameSize(r, cellOut.get(c).get(0));
            for (long i = 0; i < r.count(); i++) {
                ref.add(r.get(i));
                got.add(g.get(i));
            }
        }
        OutputComparison.Figures f = OutputComparison.rows(
                new double[][] {ref.stream().mapToDouble(Double::doubleValue).toArray()},
                new double[][] {got.stream().mapToDouble(Double::doubleValue).toArray()});
        double threshold = AccuracyThresholds.minCosine(cell.precision());
        return new Accuracy("whole-output", refOut.size(), f.minCosine(), f.maxAbsError(), null, threshold,
                f.minCosine() >= threshold, model.reference().description() + " on onnxruntime/cpu");
    }

    /** The cell's output, when it has as many values as the reference's. */
    private static HostTensor sameSize(HostTensor reference, HostTensor cell) {
        if (reference.count() != cell.count()) {
            throw new IllegalStateException("the cell's first output " + cell.describe()
                    + " does not match the reference's " + reference.describe());
        }
        return cell;
    }

    static Accuracy compare(CellConfig cell, ModelSpec model, List<InputSpec> specs, List<InputBatch> chunks,
                                  List<List<HostTensor>> refOut, List<List<HostTensor>> cellOut, int samples) {
        HostTensor first = refOut.get(0).get(0);
        if (first.shape().length == 0 || first.shape()[0] != cell.batch()) {
            return wholeOutputs(cell, model, refOut, cellOut);
        }
        String maskName = specs.stream().filter(s -> s.role() == InputSpec.Role.ATTENTION_MASK
                && s.shape().length == 2).map(InputSpec::name).findFirst().orElse(null);
        boolean embedding = maskName != null && first.shape().length == 3;
        boolean classifier = !embedding && first.shape().length == 2 && first.shape()[1] >= 2;
        double[][] ref = new double[samples][];
        double[][] got = new double[samples][];
        double[][] mask = embedding ? new double[samples][] : null;
        for (int c = 0; c < chunks.size(); c++) {
            HostTensor r = refOut.get(c).get(0);
            HostTensor g = sameSize(r, cellOut.get(c).get(0));
            for (int i = 0; i < cell.batch(); i++) {
                int sample = c * cell.batch() + i;
                if (sample >= samples) {
                    break;
                }
                ref[sample] = OutputComparison.row(r, i);
                got[sample] = OutputComparison.row(g, i);
                if (embedding) {
                    mask[sample] = OutputComparison.row(chunks.get(c).tensors().get(maskName), i);
                }
            }
        }
        OutputComparison.Figures f;
        String metric;
        if (embedding) {
            int seq = (int) first.shape()[1];
            int hidden = (int) first.shape()[2];
            f = OutputComparison.rows(OutputComparison.maskedMeanPool(ref, mask, seq, hidden),
                    OutputComparison.maskedMeanPool(got, mask, seq, hidden));
            metric = "pooled-embedding";
        } else {
            f = OutputComparison.centred(ref, got, classifier);
            metric = classifier ? "classifier" : "centred-output";
        }
        double threshold = AccuracyThresholds.minCosine(cell.precision());
        // Top-1 agreement is reported, not gated (see AccuracyThresholds).
        boolean passed = f.minCosine() >= threshold;
        return new Accuracy(metric, samples, f.minCosine(), f.maxAbsError(), f.top1Agreement(), threshold,
                passed, model.reference().description() + " on onnxruntime/cpu");
    }
}
