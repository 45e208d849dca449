package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** BatchNormalization folded into the Conv before it, as inference toolchains do before lowering precision. */
public final class BatchNormFolding {
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;

    private BatchNormFolding() {
    }

    /**
     * Folds each BatchNormalization that follows a Conv (its only reader, all parameters initializers) into that
     * Conv, in float32: weight × γ/√(σ² + ε) per output channel, bias (b − μ)·γ/√(σ² + ε) + β. What every inference
     * toolchain does before lowering precision; done after the cast to fp16, the small variances would lose their
     * digits. BatchNorms that cannot be folded stay (and are computed in fp32).
     */
    public static OnnxMl.ModelProto fold(OnnxMl.ModelProto source) {
        OnnxMl.ModelProto.Builder m = source.toBuilder();
        OnnxMl.GraphProto.Builder g = m.getGraphBuilder();
        Map<String, OnnxMl.TensorProto> init = new LinkedHashMap<>();
        g.getInitializerList().forEach(t -> init.put(t.getName(), t));
        Map<String, Integer> readers = new HashMap<>();
        g.getNodeList().forEach(n -> n.getInputList().forEach(in -> readers.merge(in, 1, Integer::sum)));
        g.getOutputList().forEach(o -> readers.merge(o.getName(), 1, Integer::sum));
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            for (String out : g.getNode(i).getOutputList()) {
                producer.put(out, i);
            }
        }
        List<OnnxMl.NodeProto> nodes = new ArrayList<>(g.getNodeList());
        Set<Integer> removed = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            OnnxMl.NodeProto bn = nodes.get(i);
            if (!bn.getOpType().equals("BatchNormalization") || bn.getInputCount() != 5 || bn.getOutputCount() != 1) {
                continue;
            }
            Integer convAt = producer.get(bn.getInput(0));
            if (convAt == null || readers.getOrDefault(bn.getInput(0), 0) != 1) {
                continue;
            }
            OnnxMl.NodeProto conv = nodes.get(convAt);
            if (!conv.getOpType().equals("Conv") || !init.containsKey(conv.getInput(1))
                    || (conv.getInputCount() > 2 && !init.containsKey(conv.getInput(2)))) {
                continue;
            }
            float[] gamma = TensorData.floats(init.get(bn.getInput(1)));
            float[] beta = TensorData.floats(init.get(bn.getInput(2)));
            float[] mean = TensorData.floats(init.get(bn.getInput(3)));
            float[] var = TensorData.floats(init.get(bn.getInput(4)));
            OnnxMl.TensorProto w = init.get(conv.getInput(1));
            if (gamma == null || beta == null || mean == null || var == null || w == null
                    || w.getDataType() != FLOAT || readers.getOrDefault(conv.getInput(1), 0) != 1) {
                continue;
            }
            float eps = bn.getAttributeList().stream().filter(a -> a.getName().equals("epsilon"))
                    .map(OnnxMl.AttributeProto::getF).findFirst().orElse(1e-5f);
            float[] weight = TensorData.floats(w);
            int out = gamma.length;
            int per = weight.length / out;
            float[] bias = conv.getInputCount() > 2 ? TensorData.floats(init.get(conv.getInput(2))) : new float[out];
            float[] newBias = new float[out];
            for (int c = 0; c < out; c++) {
                double scale = gamma[c] / Math.sqrt(var[c] + (double) eps);
                for (int k = 0; k < per; k++) {
                    weight[c * per + k] = (float) (weight[c * per + k] * scale);
                }
                newBias[c] = (float) ((bias[c] - mean[c]) * scale + beta[c]);
            }
            String weightName = conv.getInput(1) + "_bnfolded";
            String biasName = bn.getOutput(0) + "_bias_bnfolded";
            init.put(weightName, w.toBuilder().setName(weightName).clearFloatData()
                    .setRawData(TensorData.rawFloats(weight)).build());
            init.put(biasName, OnnxMl.TensorProto.newBuilder().setName(biasName).setDataType(FLOAT).addDims(out)
                    .setRawData(TensorData.rawFloats(newBias)).build());
            OnnxMl.NodeProto.Builder folded = conv.toBuilder().clearInput().addInput(conv.getInput(0))
                    .addInput(weightName).addInput(biasName).setOutput(0, bn.getOutput(0));
            nodes.set(convAt, folded.build());
            removed.add(i);
        }
        if (removed.isEmpty()) {
            return source;
        }
        List<OnnxMl.NodeProto> kept = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!removed.contains(i)) {
                kept.add(nodes.get(i));
            }
        }
        // Initializers nothing reads any more (the unfolded weights, the BatchNorms' parameters) are dropped.
        g.clearNode().addAllNode(kept);
        OnnxGraphs.keepReadInitializers(g, init.values());
        return m.build();
    }

}
