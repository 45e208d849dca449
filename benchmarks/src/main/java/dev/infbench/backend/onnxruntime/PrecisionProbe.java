package dev.infbench.backend.onnxruntime;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What precision a model really computes in on the CPU provider, judged from its operators: a variant labelled int8
 * may quantize only its MatMuls, and fp16 graphs on the CPU provider run through casts.
 */
final class PrecisionProbe {
    private static final Set<String> DYNAMIC = Set.of("DynamicQuantizeLinear", "MatMulInteger",
            "DynamicQuantizeMatMul", "ConvInteger");
    private static final Set<String> STATIC = Set.of("QuantizeLinear", "DequantizeLinear", "QLinearConv",
            "QLinearMatMul");

    private PrecisionProbe() {
    }

    static String describe(String asked, byte[] model) {
        Set<String> ops = new TreeSet<>();
        boolean fp16Weights = false;
        try {
            OnnxMl.GraphProto g = OnnxMl.ModelProto.parseFrom(model).getGraph();
            g.getNodeList().forEach(n -> ops.add(n.getOpType()));
            fp16Weights = g.getInitializerList().stream().anyMatch(t -> t.getDataType() == 10);
        } catch (InvalidProtocolBufferException e) {
            return asked + " (graph unreadable: not checked)";
        }
        Set<String> dynamic = new TreeSet<>(ops);
        dynamic.retainAll(DYNAMIC);
        Set<String> stat = new TreeSet<>(ops);
        stat.retainAll(STATIC);
        if (!dynamic.isEmpty()) {
            return "int8 where the graph has " + String.join("/", dynamic)
                    + " (dynamic quantization: activations quantized on every call); other operators fp32";
        }
        if (!stat.isEmpty()) {
            return "int8 through " + String.join("/", stat) + " (static quantization); other operators fp32";
        }
        if (fp16Weights) {
            return "fp16 weights; the CPU provider computes most operators in fp32 through inserted casts";
        }
        return "fp32";
    }
}
