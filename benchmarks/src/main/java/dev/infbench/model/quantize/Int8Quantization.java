package dev.infbench.model.quantize;

import ai.onnx.proto.OnnxMl;
import dev.infbench.env.CpuProbe;
import dev.infbench.model.BatchNormFolding;
import dev.infbench.model.ModelTransform;
import java.util.List;
import java.util.Locale;

/**
 * The int8 variant of any ONNX model, as a cached {@link ModelTransform}. BatchNorms are folded into their
 * convolutions first (in float32); then one of two methods:
 * <ul>
 *   <li>{@link Method#STATIC}: QDQ quantization with calibrated activation ranges ({@link StaticQdq},
 *       {@link Calibration}) — what CNNs need, since ONNX Runtime then runs whole chains of QLinearConv;</li>
 *   <li>{@link Method#DYNAMIC}: int8 MatMul weights with activations quantized per call ({@link DynamicQuant}) —
 *       what transformers take, whose activation ranges vary too much between inputs for fixed scales.</li>
 * </ul>
 * {@link Method#AUTO} (what {@code precision=int8} runs) picks static when the graph has a Conv, dynamic otherwise.
 *
 * <p>Weights use the full int8 range [-127, 127], except on x86 CPUs without VNNI, where ONNX Runtime's u8×s8
 * kernels add pairs of products in 16 bits that can saturate: there weights are kept within [-63, 63] (ONNX
 * Runtime's "reduce range"). The choice is part of the variant's id, so each kind of machine caches its own.
 */
public final class Int8Quantization implements ModelTransform {
    /** How activations are quantized. */
    public enum Method {
        STATIC, DYNAMIC, AUTO;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Bump when the written graph would change for the same settings. */
    private static final int VERSION = 2;
    /** This machine's weight range, read from /proc/cpuinfo once per JVM (every catalog model asks for it). */
    private static final int WEIGHT_MAX = weightMaxForThisCpu();
    private final Method method;
    private final CalibrationInputs calibration;
    private final int weightMax;
    private final double scaleError;

    private Int8Quantization(Method method, CalibrationInputs calibration, int weightMax, double scaleError) {
        this.method = method;
        this.calibration = calibration;
        this.weightMax = weightMax;
        this.scaleError = scaleError;
    }

    /** The int8 variant of {@code model} by {@code method}, for this machine's CPU. */
    public static Int8Quantization of(String model, Method method) {
        return new Int8Quantization(method, CalibrationInputs.of(model), WEIGHT_MAX, 1.0);
    }

    /**
     * The accuracy gate's negative control: the same quantization with every scale {@code factor} times too large,
     * so values collapse onto a few levels. Its cells must come out INACCURATE.
     */
    public Int8Quantization miscaled(double factor) {
        return new Int8Quantization(method, calibration, weightMax, factor);
    }

    /** The same quantization calibrated on inputs of another {@code -p shape} (models with dynamic dimensions). */
    public Int8Quantization calibratedAt(String shape) {
        return new Int8Quantization(method, new CalibrationInputs(calibration.model(), shape, calibration.samples(),
                calibration.seed()), weightMax, scaleError);
    }

    @Override
    public String id() {
        return "int8 v" + VERSION + " method=" + method.label() + " weights=int8[-" + weightMax + "," + weightMax
                + "] activations=uint8 " + calibration.id() + (scaleError != 1.0 ? " scale-error=" + scaleError : "");
    }

    @Override
    public String description() {
        String how = switch (method) {
            case STATIC -> STATIC_TEXT;
            case DYNAMIC -> DYNAMIC_TEXT;
            case AUTO -> "int8, static for graphs with Conv (" + STATIC_TEXT + "), dynamic otherwise (" + DYNAMIC_TEXT
                    + ")";
        };
        String range = weightMax == 127 ? "" : "; weights within [-63, 63] (reduce range: this x86 CPU has no VNNI)";
        String control = scaleError == 1.0 ? "" : "; NEGATIVE CONTROL: every scale " + scaleError
                + "x too large, must be INACCURATE";
        return how + range + control;
    }

    private static final String STATIC_TEXT = "static QDQ quantization: BatchNorms folded, int8 per-channel Conv"
            + " weights, uint8 activations calibrated by min/max on " + CalibrationInputs.SAMPLES
            + " seeded inputs apart from the accuracy gate's, Q/DQ on the inputs and outputs of Conv, Gemm, MatMul"
            + " and Add";
    private static final String DYNAMIC_TEXT = "dynamic quantization: int8 MatMul/Gemm weights, uint8 activations"
            + " quantized on every call";

    @Override
    public OnnxMl.ModelProto apply(OnnxMl.ModelProto source) {
        OnnxMl.ModelProto folded = BatchNormFolding.fold(source);
        Method m = resolve(folded);
        // QuantizeLinear/DequantizeLinear came with opset 10, DynamicQuantizeLinear with 11; raising a model's opset
        // could change what its other operators mean, so an older model is refused, not rewritten.
        int needed = m == Method.DYNAMIC ? 11 : 10;
        int opset = StaticQdq.opset(folded);
        if (opset < needed) {
            throw new IllegalStateException(m.label() + " int8 quantization needs ONNX opset " + needed
                    + " or later; " + calibration.model() + " has opset " + opset);
        }
        if (m == Method.DYNAMIC) {
            OnnxMl.ModelProto q = DynamicQuant.quantize(folded, weightMax, scaleError);
            if (q.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("MatMulInteger"))) {
                throw new IllegalStateException("nothing to quantize dynamically: the graph has no MatMul or Gemm"
                        + " with a constant weight");
            }
            return q;
        }
        StaticQdq.Plan plan = new StaticQdq.Plan(folded);
        if (plan.quantOps.isEmpty()) {
            throw new IllegalStateException("nothing to quantize: the graph has no Conv, Gemm or MatMul with a"
                    + " constant weight");
        }
        try {
            return StaticQdq.rewrite(plan, Calibration.minMax(folded, plan.rangeKeys(), calibration.make()),
                    new StaticQdq.Settings(weightMax, scaleError));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("calibration of " + calibration.model() + " failed: " + e.getMessage(), e);
        }
    }

    private Method resolve(OnnxMl.ModelProto model) {
        if (method != Method.AUTO) {
            return method;
        }
        return model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Conv")) ? Method.STATIC
                : Method.DYNAMIC;
    }

    /** The weight range this machine's variants use: 127, or 63 on x86 without VNNI. */
    static int machineWeightMax() {
        return WEIGHT_MAX;
    }

    /** 127, or 63 on x86 without VNNI (see the class comment). */
    private static int weightMaxForThisCpu() {
        if (CpuProbe.isArm()) {
            return 127;
        }
        List<String> flags = CpuProbe.isaFlags();
        if (flags == null) {
            return 127;
        }
        return flags.contains("avx512_vnni") || flags.contains("avx_vnni") ? 127 : 63;
    }
}
