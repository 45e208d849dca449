package dev.infbench.backend.onnxruntime;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;
import dev.infbench.env.CpuBudget;
import dev.infbench.model.DType;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.quantize.TensorObserver;
import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Calibration's view of a model on ONNX Runtime's CPU provider: the wanted tensors are added as graph outputs and the
 * model runs at optimization level NO_OPT, so that every tensor named in the graph still exists (fusions would
 * remove some). Its sessions run generated models, which carry their data: no external data is read.
 */
public final class OrtTensorObserver implements TensorObserver {

    @Override
    public void observe(OnnxMl.ModelProto model, Set<String> tensors, List<InputBatch> inputs,
                        BiConsumer<String, FloatBuffer> sink) throws Exception {
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
}
