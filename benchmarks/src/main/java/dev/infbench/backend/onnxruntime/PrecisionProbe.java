package dev.infbench.backend.onnxruntime;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.infbench.config.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** Operator types and their counts in a model file (e.g. the optimized graph ONNX Runtime wrote). */
    static Map<String, Integer> operators(Path model) {
        Map<String, Integer> ops = new TreeMap<>();
        try (InputStream in = Files.newInputStream(model)) {
            OnnxMl.ModelProto.parseFrom(in).getGraph().getNodeList().forEach(n -> ops.merge(
                    n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx") ? n.getOpType()
                            : n.getDomain() + "." + n.getOpType(), 1, Integer::sum));
        } catch (IOException e) {
            ops.clear();
        }
        return ops;
    }

    /**
     * One line on what ONNX Runtime's optimized graph computes in: its quantized kernels, the float matrix and
     * convolution kernels left, and the conversions left between them.
     */
    static String optimized(Map<String, Integer> ops) {
        if (ops.isEmpty()) {
            return "optimized graph not readable: not checked";
        }
        List<String> quantized = new ArrayList<>();
        List<String> floats = new ArrayList<>();
        List<String> conversions = new ArrayList<>();
        ops.forEach((op, n) -> {
            String bare = op.substring(op.lastIndexOf('.') + 1);
            String item = n + " " + op;
            if (QUANTIZED_KERNELS.contains(bare)) {
                quantized.add(item);
            } else if (FLOAT_KERNELS.contains(bare)) {
                floats.add(item);
            } else if (CONVERSIONS.contains(bare)) {
                conversions.add(item);
            }
        });
        return "ONNX Runtime's optimized graph: quantized kernels " + listOrNone(quantized) + "; float Conv/MatMul/Gemm "
                + listOrNone(floats) + "; conversions " + listOrNone(conversions);
    }

    private static String listOrNone(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }

    private static final Set<String> QUANTIZED_KERNELS = Set.of("QLinearConv", "QLinearMatMul", "QGemm",
            "QLinearAdd", "QLinearMul", "QLinearGlobalAveragePool", "QLinearAveragePool", "QLinearConcat",
            "QLinearSigmoid", "QLinearLeakyRelu", "DynamicQuantizeMatMul", "MatMulIntegerToFloat", "MatMulInteger",
            "ConvInteger", "QAttention", "QEmbedLayerNormalization");
    private static final Set<String> FLOAT_KERNELS = Set.of("Conv", "FusedConv", "MatMul", "FusedMatMul", "Gemm",
            "FusedGemm");
    private static final Set<String> CONVERSIONS = Set.of("QuantizeLinear", "DequantizeLinear",
            "DynamicQuantizeLinear", "Cast");

    static String describe(Precision asked, byte[] model) {
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
