package dev.infbench.model.quantize;

import ai.onnx.proto.OnnxMl;
import dev.infbench.model.InputBatch;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The range (min, max) of float tensors of a model over calibration inputs, observed by the backend that provides
 * a {@link TensorObserver}.
 */
final class Calibration {
    /** Observed range of one tensor. */
    record Range(float min, float max) {
        Range merge(float lo, float hi) {
            return new Range(Math.min(min, lo), Math.max(max, hi));
        }
    }

    private Calibration() {
    }

    /** The smallest and largest value each tensor took over the inputs. */
    static Map<String, Range> minMax(OnnxMl.ModelProto model, Set<String> tensors, List<InputBatch> inputs)
            throws Exception {
        Map<String, Range> ranges = new LinkedHashMap<>();
        TensorObserver.installed().observe(model, tensors, inputs, (name, values) -> observe(ranges, name, values));
        for (String t : tensors) {
            if (!ranges.containsKey(t)) {
                throw new IllegalStateException("calibration saw no float values for tensor " + t);
            }
        }
        return ranges;
    }

    private static void observe(Map<String, Range> ranges, String name, FloatBuffer values) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        while (values.hasRemaining()) {
            float v = values.get();
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return;
        }
        ranges.merge(name, new Range(lo, hi), (a, b) -> a.merge(b.min(), b.max()));
    }

}
