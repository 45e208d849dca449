package dev.infbench.model.quantize;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.infbench.model.OnnxGraphs;
import dev.infbench.model.TensorData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dynamic int8 quantization of MatMul with a constant weight (and of Gemm with a constant weight, as MatMul + Add):
 * the weight becomes int8, symmetric, per output column; the activation is quantized to uint8 on every call by
 * DynamicQuantizeLinear (one per activation, shared by the MatMuls that read it), and the product is rescaled to
 * float:
 * <pre>
 *   DynamicQuantizeLinear(A) → A_q, A_scale, A_zp
 *   MatMulInteger(A_q, B_q, A_zp, B_zp) → Cast(float) → Mul(·, A_scale × B_scale) [→ Add(bias)]
 * </pre>
 * the pattern ONNX Runtime fuses into {@code DynamicQuantizeMatMul}. No calibration: the scales of activations are
 * computed per call, which suits transformers whose activation ranges vary from input to input.
 */
final class DynamicQuant {
    private DynamicQuant() {
    }

    static OnnxMl.ModelProto quantize(OnnxMl.ModelProto model, int weightMax, double scaleError) {
        OnnxMl.GraphProto g = model.getGraph();
        Map<String, OnnxMl.TensorProto> init = new HashMap<>();
        g.getInitializerList().forEach(t -> init.put(t.getName(), t));
        List<OnnxMl.NodeProto> nodes = new ArrayList<>();
        List<OnnxMl.TensorProto> added = new ArrayList<>();
        Set<String> quantizedActivations = new HashSet<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            OnnxMl.TensorProto b = n.getInputCount() >= 2 ? init.get(n.getInput(1)) : null;
            boolean matmul = n.getOpType().equals("MatMul") && b != null && b.getDimsCount() == 2
                    && b.getDataType() == DataType.FLOAT_VALUE && !init.containsKey(n.getInput(0));
            boolean gemm = n.getOpType().equals("Gemm") && b != null && b.getDimsCount() == 2
                    && b.getDataType() == DataType.FLOAT_VALUE && !init.containsKey(n.getInput(0))
                    && StaticQdq.floatAttr(n, "alpha", 1f) == 1f && StaticQdq.floatAttr(n, "beta", 1f) == 1f
                    && StaticQdq.intAttr(n, "transA", 0) == 0;
            if (!matmul && !gemm) {
                nodes.add(n);
                continue;
            }
            String a = n.getInput(0);
            String out = n.getOutput(0);
            String key = n.getName().isEmpty() ? out : n.getName();
            if (quantizedActivations.add(a)) {
                nodes.add(OnnxMl.NodeProto.newBuilder().setOpType("DynamicQuantizeLinear")
                        .setName(StaticQdq.name(a, "dynamic_quantize")).addInput(a)
                        .addOutput(StaticQdq.name(a, "quantized")).addOutput(StaticQdq.name(a, "scale"))
                        .addOutput(StaticQdq.name(a, "zero_point")).build());
            }
            float[] w = TensorData.floats(b);
            long[] dims = b.getDimsList().stream().mapToLong(Long::longValue).toArray();
            if (gemm && StaticQdq.intAttr(n, "transB", 0) == 1) {
                w = transpose(w, (int) dims[0], (int) dims[1]);
                dims = new long[] {dims[1], dims[0]};
            }
            // Per output column (B is [K, N]): MatMulInteger takes a [N] zero point and the rescaling Mul a [N] scale.
            QuantParams wq = QuantParams.symmetricWeights(w, dims, 1, weightMax, scaleError);
            String wName = StaticQdq.name(b.getName() + "@" + key, "int8");
            added.add(TensorData.tensor(wName, DataType.INT8, dims,
                    ByteString.copyFrom(wq.quantizeSymmetric(w, dims, weightMax))));
            added.add(QdqNodes.scales(StaticQdq.name(wName, "scale"), wq.scales(), true));
            added.add(QdqNodes.zeroPoints(StaticQdq.name(wName, "zero_point"), wq.zeroPoints(), DataType.INT8,
                    true));
            boolean bias = gemm && n.getInputCount() >= 3 && !n.getInput(2).isEmpty();
            String product = StaticQdq.name(key, "int32");
            String asFloat = StaticQdq.name(key, "float");
            String scales = StaticQdq.name(key, "scales");
            String scaled = bias ? StaticQdq.name(key, "scaled") : out;
            nodes.add(QdqNodes.node("MatMulInteger", product, new String[] {StaticQdq.name(a, "quantized"), wName,
                    StaticQdq.name(a, "zero_point"), StaticQdq.name(wName, "zero_point")}, product));
            nodes.add(QdqNodes.node("Mul", scales, new String[] {StaticQdq.name(a, "scale"),
                    StaticQdq.name(wName, "scale")}, scales));
            nodes.add(QdqNodes.cast(asFloat, product, asFloat, DataType.FLOAT));
            nodes.add(QdqNodes.node("Mul", scaled, new String[] {asFloat, scales}, scaled));
            if (bias) {
                nodes.add(QdqNodes.node("Add", out, new String[] {scaled, n.getInput(2)}, out));
            }
        }
        OnnxMl.GraphProto.Builder out = g.toBuilder().clearNode().addAllNode(nodes);
        List<OnnxMl.TensorProto> candidates = new ArrayList<>(g.getInitializerList());
        candidates.addAll(added);
        OnnxGraphs.keepReadInitializers(out, candidates);
        return model.toBuilder().setGraph(out).build();
    }

    private static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }
}
