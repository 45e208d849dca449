package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fp16 variant of any ONNX model, as {@link ModelTransform#toFloat16()} makes it:
 * <ul>
 *   <li>BatchNormalization after a Conv is first folded into it, in float32 ({@link BatchNormFolding});</li>
 *   <li>every float32 initializer, {@code Constant} and {@code ConstantOfShape} value becomes float16, clamped to
 *       ±65504 (the largest fp16 value) rather than overflowing to infinity;</li>
 *   <li>{@code Cast} to float32 inside the graph becomes a cast to float16;</li>
 *   <li>float32 graph inputs and outputs stay float32 at the boundary: a {@code Cast} after each input and before
 *       each output, so callers feed and read the same tensors as for fp32;</li>
 *   <li>the operators in {@link #KEPT_FP32} stay float32 (casts around them): reductions and powers whose
 *       intermediate sums or squares overflow fp16 (a layer norm's variance of activations above 256).</li>
 * </ul>
 * Which tensors are floating point is followed through the graph in node order (int64 shape arithmetic stays as it
 * is). {@code value_info} is dropped, since the types in it no longer hold; runtimes infer them again.
 */
final class Float16Conversion {
    /** Operators computed in fp32 within the fp16 graph. */
    static final Set<String> KEPT_FP32 = Set.of("ReduceMean", "ReduceSum", "ReduceSumSquare", "ReduceL2", "Pow",
            "Sqrt", "LayerNormalization", "BatchNormalization");
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    private static final int FLOAT16 = OnnxMl.TensorProto.DataType.FLOAT16_VALUE;
    private static final float FP16_MAX = 65504f;
    /** Operators whose outputs are never floating point. */
    private static final Set<String> INTEGER_OUT = Set.of("Shape", "Size", "NonZero", "ArgMax", "ArgMin", "Range",
            "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf");
    /** Operators whose output has the type of their first input only. */
    private static final Set<String> FIRST_INPUT_TYPE = Set.of("Gather", "GatherElements", "GatherND", "Slice",
            "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Expand", "Tile", "Pad", "Flatten", "Identity", "Split",
            "Resize", "DepthToSpace", "SpaceToDepth");

    private Float16Conversion() {
    }

    static OnnxMl.ModelProto convert(OnnxMl.ModelProto source) {
        OnnxMl.ModelProto.Builder m = BatchNormFolding.fold(source).toBuilder();
        OnnxMl.GraphProto.Builder g = m.getGraphBuilder();
        Set<String> floats = new HashSet<>();
        Set<String> initializers = new HashSet<>();

        // Initializers that only fp32-kept operators read stay fp32: no precision is lost on the way to them.
        Map<String, Boolean> onlyKept = new java.util.HashMap<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            boolean kept = KEPT_FP32.contains(n.getOpType());
            n.getInputList().forEach(in -> onlyKept.merge(in, kept, Boolean::logicalAnd));
        }
        for (int i = 0; i < g.getInitializerCount(); i++) {
            OnnxMl.TensorProto t = g.getInitializer(i);
            initializers.add(t.getName());
            if (t.getDataType() == FLOAT && !onlyKept.getOrDefault(t.getName(), false)) {
                g.setInitializer(i, toHalf(t));
                floats.add(t.getName());
            }
        }
        List<OnnxMl.NodeProto> nodes = new ArrayList<>();
        // Inputs stay fp32 for the caller; a cast right after each makes the rest of the graph fp16.
        Map<String, String> renamed = new java.util.HashMap<>();
        for (OnnxMl.ValueInfoProto in : g.getInputList()) {
            if (!initializers.contains(in.getName()) && in.getType().getTensorType().getElemType() == FLOAT) {
                String half = in.getName() + "_fp16";
                nodes.add(cast(in.getName(), half, FLOAT16));
                renamed.put(in.getName(), half);
                floats.add(half);
            }
        }
        Set<String> outputs = new HashSet<>();
        for (OnnxMl.ValueInfoProto out : g.getOutputList()) {
            if (out.getType().getTensorType().getElemType() == FLOAT) {
                outputs.add(out.getName());
            }
        }
        int kept = 0;
        for (OnnxMl.NodeProto original : g.getNodeList()) {
            OnnxMl.NodeProto.Builder n = original.toBuilder();
            for (int k = 0; k < n.getInputCount(); k++) {
                String r = renamed.get(n.getInput(k));
                if (r != null) {
                    n.setInput(k, r);
                }
            }
            String op = n.getOpType();
            boolean floatOut;
            if (op.equals("Cast")) {
                long to = attribute(n, "to");
                if (to == FLOAT) {
                    setAttribute(n, "to", FLOAT16);
                }
                floatOut = to == FLOAT || to == FLOAT16;
            } else if (op.equals("Constant") || op.equals("ConstantOfShape")) {
                floatOut = halveValue(n);
            } else if (INTEGER_OUT.contains(op)) {
                floatOut = false;
            } else if (FIRST_INPUT_TYPE.contains(op)) {
                floatOut = n.getInputCount() > 0 && floats.contains(n.getInput(0));
            } else if (op.equals("Where")) {
                floatOut = n.getInputList().stream().skip(1).anyMatch(floats::contains);
            } else {
                floatOut = n.getInputList().stream().anyMatch(floats::contains);
            }
            if (KEPT_FP32.contains(op) && floatOut) {
                kept++;
                for (int k = 0; k < n.getInputCount(); k++) {
                    String in = n.getInput(k);
                    if (floats.contains(in) && !(initializers.contains(in) && onlyKept.getOrDefault(in, false))) {
                        String full = in + "_fp32_" + kept;
                        nodes.add(cast(in, full, FLOAT));
                        n.setInput(k, full);
                    }
                }
                List<OnnxMl.NodeProto> after = new ArrayList<>();
                for (int k = 0; k < n.getOutputCount(); k++) {
                    String out = n.getOutput(k);
                    String full = out + "_fp32";
                    n.setOutput(k, full);
                    after.add(cast(full, out, FLOAT16));
                    floats.add(out);
                }
                nodes.add(n.build());
                nodes.addAll(after);
                continue;
            }
            if (floatOut) {
                floats.addAll(n.getOutputList());
            }
            nodes.add(n.build());
        }
        // Outputs back to fp32 for the caller, under their own names.
        for (String out : outputs) {
            if (!floats.contains(out)) {
                continue;
            }
            String half = out + "_fp16";
            for (int i = 0; i < nodes.size(); i++) {
                OnnxMl.NodeProto.Builder n = nodes.get(i).toBuilder();
                boolean changed = false;
                for (int k = 0; k < n.getOutputCount(); k++) {
                    if (n.getOutput(k).equals(out)) {
                        n.setOutput(k, half);
                        changed = true;
                    }
                }
                for (int k = 0; k < n.getInputCount(); k++) {
                    if (n.getInput(k).equals(out)) {
                        n.setInput(k, half);
                        changed = true;
                    }
                }
                if (changed) {
                    nodes.set(i, n.build());
                }
            }
            nodes.add(cast(half, out, FLOAT));
        }
        g.clearNode().addAllNode(nodes);
        g.clearValueInfo();
        return m.build();
    }

    private static OnnxMl.NodeProto cast(String in, String out, int to) {
        return OnnxMl.NodeProto.newBuilder().setOpType("Cast").setName(out + "_cast").addInput(in).addOutput(out)
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("to")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(to)).build();
    }

    private static long attribute(OnnxMl.NodeProto.Builder n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).mapToLong(
                OnnxMl.AttributeProto::getI).findFirst().orElse(-1);
    }

    private static void setAttribute(OnnxMl.NodeProto.Builder n, String name, long value) {
        for (int i = 0; i < n.getAttributeCount(); i++) {
            if (n.getAttribute(i).getName().equals(name)) {
                n.setAttribute(i, n.getAttribute(i).toBuilder().setI(value));
            }
        }
    }

    /** A Constant's or ConstantOfShape's float32 value made float16; true when its output is floating point. */
    private static boolean halveValue(OnnxMl.NodeProto.Builder n) {
        boolean isFloat = n.getOpType().equals("ConstantOfShape") && n.getAttributeCount() == 0;
        for (int i = 0; i < n.getAttributeCount(); i++) {
            OnnxMl.AttributeProto a = n.getAttribute(i);
            if (a.getName().equals("value") && a.hasT()) {
                if (a.getT().getDataType() == FLOAT) {
                    n.setAttribute(i, a.toBuilder().setT(toHalf(a.getT())));
                    isFloat = true;
                } else {
                    isFloat = a.getT().getDataType() == FLOAT16;
                }
            } else if (a.getName().equals("value_float") || a.getName().equals("value_floats")) {
                isFloat = true;
            }
        }
        return isFloat;
    }

    /** A float32 tensor as float16, clamped to the fp16 range. */
    static OnnxMl.TensorProto toHalf(OnnxMl.TensorProto t) {
        float[] values = TensorData.floats(t);
        ByteBuffer half = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            float clamped = Float.isNaN(v) ? v : Math.max(-FP16_MAX, Math.min(FP16_MAX, v));
            half.putShort(Half.fromFloat(clamped));
        }
        return t.toBuilder().clearFloatData().setDataType(FLOAT16).setRawData(ByteString.copyFrom(half.array()))
                .build();
    }
}
