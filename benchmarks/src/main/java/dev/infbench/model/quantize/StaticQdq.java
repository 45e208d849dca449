package dev.infbench.model.quantize;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.infbench.model.OnnxGraphs;
import dev.infbench.model.TensorData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static int8 quantization in the QDQ format, placed the way ONNX Runtime's CPU provider fuses it:
 * <ul>
 *   <li>Conv, Gemm and MatMul with a constant weight, and Add of two quantized tensors, are the quantized operators;
 *       each activation they read gets QuantizeLinear → DequantizeLinear (uint8, asymmetric, per tensor, from the
 *       calibrated range), and so does each output: without the Q/DQ pair on the output ONNX Runtime fuses nothing;</li>
 *   <li>weights are int8, symmetric (zero point 0), per output channel for Conv where the model's opset has
 *       per-axis DequantizeLinear (13 and later), per tensor otherwise; biases int32 with scale = input scale ×
 *       weight scale, as QLinearConv computes them;</li>
 *   <li>a Relu, or a Clip from 0, that is the only reader of a quantized output is removed: its calibrated range
 *       starts at 0, so the quantization clamps exactly as it did;</li>
 *   <li>MaxPool, Flatten and Reshape of a quantized tensor pass its scale and zero point on, so ONNX Runtime can run
 *       them on int8 data;</li>
 *   <li>every reader of a quantized tensor gets its own DequantizeLinear (a node unit has single-reader DQs);</li>
 *   <li>graph outputs stay float32.</li>
 * </ul>
 * Everything else stays float32 between DequantizeLinear and QuantizeLinear.
 */
final class StaticQdq {
    private static final Set<String> PASS_THROUGH = Set.of("MaxPool", "Flatten", "Reshape");

    /**
     * @param weightMax  largest int8 weight magnitude: 127, or 63 where u8×s8 products can saturate (reduce range)
     * @param scaleError multiplies every scale; 1 except for the gate's negative control
     */
    record Settings(int weightMax, double scaleError) {
    }

    /** A quantized tensor: the name readers use, the value that is quantized, and whose range sets its scale. */
    record Entry(String source, String rangeKey) {
    }

    /** What the quantizer does to one graph, decided before calibration so only the needed ranges are measured. */
    static final class Plan {
        final OnnxMl.ModelProto model;
        final OnnxMl.GraphProto graph;
        final Map<String, OnnxMl.TensorProto> init = new HashMap<>();
        final Set<String> graphOutputs = new HashSet<>();
        final Map<String, List<Integer>> consumers = new HashMap<>();
        final Map<String, Integer> producer = new HashMap<>();
        final Set<Integer> quantOps = new LinkedHashSet<>();
        final Set<Integer> removed = new HashSet<>();
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final boolean perAxis;

        Plan(OnnxMl.ModelProto model) {
            this.model = model;
            this.graph = model.getGraph();
            graph.getInitializerList().forEach(t -> init.put(t.getName(), t));
            graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
            for (int i = 0; i < graph.getNodeCount(); i++) {
                OnnxMl.NodeProto n = graph.getNode(i);
                for (String in : n.getInputList()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
                }
                for (String out : n.getOutputList()) {
                    producer.put(out, i);
                }
            }
            perAxis = opset(model) >= 13;
            Set<String> quantOutputs = new HashSet<>();
            for (int i = 0; i < graph.getNodeCount(); i++) {
                if (removed.contains(i)) {
                    continue;
                }
                OnnxMl.NodeProto n = graph.getNode(i);
                int[] activations = activationInputs(n, quantOutputs);
                if (activations == null) {
                    continue;
                }
                quantOps.add(i);
                for (int slot : activations) {
                    String a = n.getInput(slot);
                    entries.putIfAbsent(a, new Entry(a, rangeKey(a)));
                }
                String out = n.getOutput(0);
                if (graphOutputs.contains(out)) {
                    continue; // the model's own outputs stay float32
                }
                List<Integer> readers = consumers.getOrDefault(out, List.of());
                if (readers.size() == 1 && clampsFromZero(graph.getNode(readers.get(0)))
                        && !graphOutputs.contains(graph.getNode(readers.get(0)).getOutput(0))) {
                    String activated = graph.getNode(readers.get(0)).getOutput(0);
                    removed.add(readers.get(0));
                    entries.put(activated, new Entry(out, activated));
                    quantOutputs.add(activated);
                } else {
                    entries.put(out, new Entry(out, out));
                    quantOutputs.add(out);
                }
            }
        }

        /** The tensors whose ranges calibration must measure. */
        Set<String> rangeKeys() {
            Set<String> keys = new LinkedHashSet<>();
            entries.values().forEach(e -> keys.add(e.rangeKey()));
            return keys;
        }

        /** The slots of {@code n}'s activation inputs when it is quantized, else null. */
        private int[] activationInputs(OnnxMl.NodeProto n, Set<String> quantOutputs) {
            switch (n.getOpType()) {
                case "Conv" -> {
                    boolean constant = isFloatInit(n, 1) && (n.getInputCount() < 3 || n.getInput(2).isEmpty()
                            || isFloatInit(n, 2));
                    return constant && !init.containsKey(n.getInput(0)) ? new int[] {0} : null;
                }
                case "Gemm" -> {
                    boolean plain = floatAttr(n, "alpha", 1f) == 1f && floatAttr(n, "beta", 1f) == 1f
                            && intAttr(n, "transA", 0) == 0;
                    boolean constant = isFloatInit(n, 1) && init.get(n.getInput(1)).getDimsCount() == 2
                            && (n.getInputCount() < 3 || n.getInput(2).isEmpty() || (isFloatInit(n, 2)
                            && init.get(n.getInput(2)).getDimsCount() == 1));
                    return plain && constant && !init.containsKey(n.getInput(0)) ? new int[] {0} : null;
                }
                case "MatMul" -> {
                    boolean constant = isFloatInit(n, 1) && init.get(n.getInput(1)).getDimsCount() == 2;
                    return constant && !init.containsKey(n.getInput(0)) ? new int[] {0} : null;
                }
                case "Add" -> {
                    return n.getInputCount() == 2 && quantOutputs.contains(n.getInput(0))
                            && quantOutputs.contains(n.getInput(1)) ? new int[] {0, 1} : null;
                }
                default -> {
                    return null;
                }
            }
        }

        /** A tensor made by a pass-through operator from a quantized tensor shares that tensor's parameters. */
        private String rangeKey(String tensor) {
            Integer p = producer.get(tensor);
            if (p != null && !removed.contains(p) && PASS_THROUGH.contains(graph.getNode(p).getOpType())) {
                String in = graph.getNode(p).getInput(0);
                Entry e = entries.get(in);
                if (e != null) {
                    return e.rangeKey();
                }
            }
            return tensor;
        }

        private boolean isFloatInit(OnnxMl.NodeProto n, int slot) {
            OnnxMl.TensorProto t = n.getInputCount() > slot ? init.get(n.getInput(slot)) : null;
            return t != null && t.getDataType() == DataType.FLOAT_VALUE;
        }

        /** Relu, or Clip whose lower bound is 0: what a range starting at 0 reproduces. */
        private boolean clampsFromZero(OnnxMl.NodeProto n) {
            if (n.getOpType().equals("Relu")) {
                return true;
            }
            if (!n.getOpType().equals("Clip")) {
                return false;
            }
            if (n.getInputCount() >= 2 && !n.getInput(1).isEmpty()) {
                float[] min = TensorData.floats(init.get(n.getInput(1)));
                return min != null && min.length == 1 && min[0] == 0f;
            }
            return n.getAttributeList().stream().anyMatch(a -> a.getName().equals("min") && a.getF() == 0f);
        }
    }

    private StaticQdq() {
    }

    static float floatAttr(OnnxMl.NodeProto n, String name, float orElse) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).map(OnnxMl.AttributeProto::getF)
                .findFirst().orElse(orElse);
    }

    static long intAttr(OnnxMl.NodeProto n, String name, long orElse) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).mapToLong(
                OnnxMl.AttributeProto::getI).findFirst().orElse(orElse);
    }

    static int opset(OnnxMl.ModelProto model) {
        return (int) model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty()
                || o.getDomain().equals("ai.onnx")).mapToLong(OnnxMl.OperatorSetIdProto::getVersion).max().orElse(1);
    }

    /** The quantized model, from the plan of a (BatchNorm-folded) float32 model and the calibrated ranges. */
    static OnnxMl.ModelProto rewrite(Plan plan, Map<String, Calibration.Range> ranges, Settings s) {
        OnnxMl.GraphProto g = plan.graph;
        Map<String, QuantParams> params = new HashMap<>();
        List<OnnxMl.TensorProto> added = new ArrayList<>();
        for (Map.Entry<String, Entry> e : plan.entries.entrySet()) {
            String key = e.getValue().rangeKey();
            if (!params.containsKey(key)) {
                Calibration.Range r = ranges.get(key);
                if (r == null) {
                    throw new IllegalStateException("no calibrated range for " + key);
                }
                QuantParams q = QuantParams.activation(r.min(), r.max(), s.scaleError());
                params.put(key, q);
                added.add(QdqNodes.scales(name(key, "scale"), q.scales(), false));
                added.add(QdqNodes.zeroPoints(name(key, "zero_point"), q.zeroPoints(), DataType.UINT8, false));
            }
        }
        // Quantize nodes, by the tensor whose value they read.
        Map<String, List<String>> quantizeAfter = new HashMap<>();
        plan.entries.forEach((logical, e) -> quantizeAfter.computeIfAbsent(e.source(), k -> new ArrayList<>())
                .add(logical));

        List<OnnxMl.NodeProto> nodes = new ArrayList<>();
        Set<String> inputs = new HashSet<>();
        g.getInputList().forEach(i -> inputs.add(i.getName()));
        for (String in : inputs) {
            for (String logical : quantizeAfter.getOrDefault(in, List.of())) {
                nodes.add(quantize(logical, plan.entries.get(logical)));
            }
        }
        int[] dqCount = {0};
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (plan.removed.contains(i)) {
                continue;
            }
            OnnxMl.NodeProto.Builder n = g.getNode(i).toBuilder();
            for (int k = 0; k < n.getInputCount(); k++) {
                Entry e = plan.entries.get(n.getInput(k));
                if (e != null) {
                    String dq = name(n.getInput(k), "dq" + dqCount[0]++);
                    nodes.add(QdqNodes.node("DequantizeLinear", dq, new String[] {quantized(n.getInput(k)),
                            name(e.rangeKey(), "scale"), name(e.rangeKey(), "zero_point")}, dq));
                    n.setInput(k, dq);
                }
            }
            if (plan.quantOps.contains(i) && !n.getOpType().equals("Add")) {
                quantizeWeights(plan, g.getNode(i), n, params, s, nodes, added);
            }
            nodes.add(n.build());
            for (String out : n.getOutputList()) {
                for (String logical : quantizeAfter.getOrDefault(out, List.of())) {
                    nodes.add(quantize(logical, plan.entries.get(logical)));
                }
            }
        }
        // Float initializers that only quantized weights used are replaced by their int8 versions.
        OnnxMl.GraphProto.Builder out = g.toBuilder().clearNode().addAllNode(nodes).clearValueInfo();
        List<OnnxMl.TensorProto> candidates = new ArrayList<>(g.getInitializerList());
        candidates.addAll(added);
        OnnxGraphs.keepReadInitializers(out, candidates);
        return plan.model.toBuilder().setGraph(out).build();
    }

    private static OnnxMl.NodeProto quantize(String logical, Entry e) {
        return QdqNodes.node("QuantizeLinear", quantized(logical), new String[] {e.source(),
                name(e.rangeKey(), "scale"), name(e.rangeKey(), "zero_point")}, quantized(logical));
    }

    /** The weight (and bias) of a Conv, Gemm or MatMul read through DequantizeLinear from int8 (int32) values. */
    private static void quantizeWeights(Plan plan, OnnxMl.NodeProto original, OnnxMl.NodeProto.Builder n,
                                        Map<String, QuantParams> params, Settings s, List<OnnxMl.NodeProto> nodes,
                                        List<OnnxMl.TensorProto> added) {
        String op = original.getOpType();
        OnnxMl.TensorProto w = plan.init.get(original.getInput(1));
        long[] dims = w.getDimsList().stream().mapToLong(Long::longValue).toArray();
        // Per output channel where the opset has per-axis DequantizeLinear: Conv weight [O, I/g, k...] along 0, Gemm B
        // [N, K] (transB) along 0 or [K, N] along 1, MatMul B [K, N] along 1.
        int outAxis = op.equals("Conv") || (op.equals("Gemm") && intAttr(original, "transB", 0) == 1) ? 0 : 1;
        int axis = plan.perAxis ? outAxis : -1;
        float[] values = TensorData.floats(w);
        QuantParams wq = QuantParams.symmetricWeights(values, dims, axis, s.weightMax(), s.scaleError());
        // Named by the weight and the node (its first output where it has no name): a weight two nodes share gets
        // a copy for each.
        String node = original.getName().isEmpty() ? original.getOutput(0) : original.getName();
        String base = original.getInput(1) + "@" + node;
        added.add(TensorData.tensor(name(base, "int8"), DataType.INT8, dims,
                ByteString.copyFrom(wq.quantizeSymmetric(values, dims, s.weightMax()))));
        added.add(QdqNodes.scales(name(base, "scale"), wq.scales(), axis >= 0));
        added.add(QdqNodes.zeroPoints(name(base, "zero_point"), wq.zeroPoints(), DataType.INT8, axis >= 0));
        OnnxMl.NodeProto dq = QdqNodes.node("DequantizeLinear", name(base, "dq"), new String[] {name(base, "int8"),
                name(base, "scale"), name(base, "zero_point")}, name(base, "dq"));
        nodes.add(axis >= 0 ? QdqNodes.withAxis(dq, axis) : dq);
        n.setInput(1, name(base, "dq"));

        if (original.getInputCount() < 3 || original.getInput(2).isEmpty()) {
            return;
        }
        // Bias in int32 at scale x_scale × w_scale[c], zero point 0: what QLinearConv and QGemm add in.
        float[] bias = TensorData.floats(plan.init.get(original.getInput(2)));
        float xScale = params.get(plan.entries.get(original.getInput(0)).rangeKey()).scales()[0];
        float[] bScales = new float[bias.length];
        int[] bq = new int[bias.length];
        for (int c = 0; c < bias.length; c++) {
            float ws = wq.scales()[axis >= 0 ? c : 0];
            bScales[c] = xScale * ws;
            double q = Math.rint(bias[c] / (double) bScales[c]);
            bq[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, q));
        }
        boolean perChannelBias = axis >= 0;
        float[] biasScales = perChannelBias ? bScales : new float[] {bScales[0]};
        String b = original.getInput(2) + "@" + node;
        added.add(TensorData.tensor(name(b, "int32"), DataType.INT32, new long[] {bias.length},
                TensorData.rawInts(bq)));
        added.add(QdqNodes.scales(name(b, "scale"), biasScales, perChannelBias));
        added.add(QdqNodes.zeroPoints(name(b, "zero_point"), new int[biasScales.length], DataType.INT32,
                perChannelBias));
        OnnxMl.NodeProto bdq = QdqNodes.node("DequantizeLinear", name(b, "dq"), new String[] {name(b, "int32"),
                name(b, "scale"), name(b, "zero_point")}, name(b, "dq"));
        nodes.add(perChannelBias ? QdqNodes.withAxis(bdq, 0) : bdq);
        n.setInput(2, name(b, "dq"));
    }

    private static String quantized(String logical) {
        return name(logical, "quantized");
    }

    /** Names of what the quantizer adds: {@code tensor/q8/what}, apart from any name in the source graph. */
    static String name(String tensor, String what) {
        return tensor + "/q8/" + what;
    }
}
