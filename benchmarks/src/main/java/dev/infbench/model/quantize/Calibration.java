package dev.infbench.model.quantize;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;
import dev.infbench.backend.onnxruntime.OrtFeed;
import dev.infbench.env.CpuBudget;
import dev.infbench.model.DType;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The range (min, max) of float tensors of a model over calibration inputs: the model runs on ONNX Runtime's CPU
 * provider with the wanted tensors added as graph outputs, at optimization level NO_OPT so that every tensor named in
 * the graph still exists.
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
        forEachValue(model, tensors, inputs, (name, values) -> observe(ranges, name, values));
        for (String t : tensors) {
            if (!ranges.containsKey(t)) {
                throw new IllegalStateException("calibration saw no float values for tensor " + t);
            }
        }
        return ranges;
    }

    /** Runs the model on every input and hands each wanted tensor's values to {@code sink}. */
    private static void forEachValue(OnnxMl.ModelProto model, Set<String> tensors, List<InputBatch> inputs,
                                     java.util.function.BiConsumer<String, FloatBuffer> sink) throws Exception {
        OnnxMl.GraphProto.Builder g = model.getGraph().toBuilder();
        Set<String> graphInputs = new HashSet<>();
        g.getInputList().forEach(i -> graphInputs.add(i.getName()));
        Set<String> outputs = new HashSet<>();
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
        for (String t : tensors) {
            if (!graphInputs.contains(t) && outputs.add(t)) {
                g.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(t).setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(
                                OnnxMl.TensorProto.DataType.FLOAT_VALUE))));
            }
        }
        byte[] bytes = model.toBuilder().setGraph(g).build().toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (SessionOptions so = new SessionOptions()) {
            so.setOptimizationLevel(SessionOptions.OptLevel.NO_OPT);
            so.setIntraOpNumThreads(CpuBudget.cores());
            try (OrtSession session = env.createSession(bytes, so)) {
                for (InputBatch batch : inputs) {
                    for (String name : session.getInputNames()) {
                        HostTensor t = batch.tensors().get(name);
                        if (t != null && tensors.contains(name) && t.dtype() == DType.FLOAT32) {
                            sink.accept(name, t.data().asFloatBuffer());
                        }
                    }
                    if (tensorsIn(tensors, graphInputs).isEmpty()) {
                        continue; // only graph inputs to calibrate: their values are the feed itself
                    }
                    try (OrtFeed feed = OrtFeed.of(env, session, batch, "calibrate");
                         OrtSession.Result result = session.run(feed.tensors(), tensorsIn(tensors, graphInputs))) {
                        for (Map.Entry<String, OnnxValue> e : result) {
                            if (e.getValue() instanceof OnnxTensor out) {
                                FloatBuffer f = out.getFloatBuffer();
                                if (f != null) {
                                    sink.accept(e.getKey(), f);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static Set<String> tensorsIn(Set<String> tensors, Set<String> graphInputs) {
        Set<String> wanted = new HashSet<>(tensors);
        wanted.removeAll(graphInputs);
        return wanted;
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
