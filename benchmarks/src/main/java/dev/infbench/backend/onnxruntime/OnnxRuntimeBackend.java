package dev.infbench.backend.onnxruntime;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.infbench.backend.Backend;
import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Capability;
import dev.infbench.backend.FlopCount;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Layout;
import dev.infbench.config.ParameterDefaults;
import dev.infbench.config.Precision;
import dev.infbench.model.ExternalData;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelBytes;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import dev.infbench.model.quantize.Int8Quantization;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ONNX Runtime through its Java API, CPU execution provider. Inter-op threads above 1 switch the session to
 * ONNX Runtime's parallel execution mode (independent graph nodes run concurrently); with 1 the session runs
 * sequentially and has no inter-op pool at all.
 *
 * <p>Options ({@code -p options=...}): {@code opt:none|basic|extended|all} graph optimization level (default all),
 * {@code spin:on|off} whether idle intra-op threads spin (ONNX Runtime's default is on), {@code mode:sequential|parallel}
 * to force the execution mode (by default parallel exactly when interop &gt; 1; forcing sequential with interop &gt; 1
 * reproduces the common mistake of setting inter-op threads that ONNX Runtime then silently ignores),
 * {@code int8:auto|static|dynamic|shipped|miscaled} which int8 variant a {@code precision=int8} cell runs (default
 * auto: static QDQ for graphs with Conv, dynamic otherwise; shipped: the int8 file a model comes with; miscaled: the
 * accuracy gate's negative control, every scale 100x too large).
 */
public final class OnnxRuntimeBackend implements Backend {
    static final Map<String, OptLevel> OPT_LEVELS = Map.of(
            "none", OptLevel.NO_OPT,
            "basic", OptLevel.BASIC_OPT,
            "extended", OptLevel.EXTENDED_OPT,
            "all", OptLevel.ALL_OPT);
    private static final List<String> SPIN = List.of("on", "off");
    private static final List<String> MODES = List.of("sequential", "parallel");
    private static final List<String> INT8 = List.of("auto", "static", "dynamic", "shipped", "miscaled");

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public Capability check(CellConfig cell, ModelSpec model) {
        if (model.torchScript()) {
            return Capability.unsupported("onnxruntime runs ONNX files; " + model.name()
                    + " is TorchScript (backend=pytorch runs it)");
        }
        if (cell.target().equals("cuda")) {
            return Capability.unsupported("onnxruntime/cuda: this build bundles the CPU-only onnxruntime package"
                    + " (no CUDA execution provider)");
        }
        if (cell.precision() == Precision.BF16) {
            return Capability.unsupported("bf16 on onnxruntime/cpu: no CPU kernels");
        }
        String int8 = cell.optionMap().get("int8");
        if (int8 != null && cell.precision() != Precision.INT8) {
            return Capability.unsupported("option int8:" + int8 + " chooses among int8 variants; this cell is "
                    + cell.precision());
        }
        String key = variantKey(cell);
        if (model.variant(key).isEmpty()) {
            return Capability.unsupported(cell.precision() + (int8 != null ? " (int8:" + int8 + ")" : "")
                    + " on onnxruntime: " + model.name() + " has no such variant (it has: "
                    + String.join(", ", model.variants().keySet()) + ")");
        }
        if (model.isUserFile() && (!key.equals("fp32") || cell.layout() == Layout.NHWC)) {
            // Generated variants embed the source's external data; above protobuf's 2 GiB they cannot.
            ModelBytes source = model.reference().read();
            if (source.bytes().length + source.external().bytes() > ExternalData.MAX_EMBEDDED_BYTES) {
                return Capability.unsupported((key.equals("fp32") ? "nhwc" : key) + " on onnxruntime: "
                        + model.name() + ": " + ExternalData.tooBigToEmbed(source.external().bytes()));
            }
        }
        return Capability.yes();
    }

    @Override
    public String checkOptions(Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            switch (e.getKey()) {
                case "opt" -> {
                    if (!OPT_LEVELS.containsKey(e.getValue())) {
                        return "onnxruntime option opt:" + e.getValue() + " unknown; valid: none, basic, extended, all";
                    }
                }
                case "spin" -> {
                    if (!SPIN.contains(e.getValue())) {
                        return "onnxruntime option spin:" + e.getValue() + " unknown; valid: on, off";
                    }
                }
                case "mode" -> {
                    if (!MODES.contains(e.getValue())) {
                        return "onnxruntime option mode:" + e.getValue() + " unknown; valid: sequential, parallel";
                    }
                }
                case "int8" -> {
                    if (!INT8.contains(e.getValue())) {
                        return "onnxruntime option int8:" + e.getValue() + " unknown; valid: " + String.join(", ", INT8);
                    }
                }
                default -> {
                    return "onnxruntime has no option '" + e.getKey() + "'; valid: opt, spin, mode, int8";
                }
            }
        }
        return null;
    }

    /** The model variant a cell runs: its precision, and for int8 the flavour the {@code int8} option names. */
    static String variantKey(CellConfig cell) {
        String int8 = cell.optionMap().get("int8");
        return int8 == null || int8.equals("auto") ? cell.precision().label() : cell.precision() + "." + int8;
    }

    /**
     * The cell's variant; a statically quantized one of a model whose inputs need {@code -p shape} is calibrated on
     * inputs of the cell's shape.
     */
    @Override
    public ModelVariant variantFor(CellConfig cell, ModelSpec model) {
        ModelVariant v = model.variant(variantKey(cell)).orElseThrow(() -> new IllegalStateException(model.name()
                + " has no " + variantKey(cell) + " variant"));
        if (!cell.shape().equals(ParameterDefaults.SHAPE) && v.transform() instanceof Int8Quantization q) {
            return ModelVariant.generated(v.model(), v.precision(), v.base(), q.calibratedAt(cell.shape()));
        }
        return v;
    }

    @Override
    public BackendSession open(CellConfig cell, ModelVariant variant) throws Exception {
        return OnnxRuntimeSession.open(cell, variant);
    }

    @Override
    public Optional<dev.infbench.format.OperatorProfile> profile(CellConfig cell, ModelVariant variant,
            InputBatch inputs, int warmup, int calls, java.nio.file.Path trace) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("infbench-profile");
        try (OnnxRuntimeSession session = OnnxRuntimeSession.open(cell, variant, dir.resolve("ort"))) {
            session.bind(inputs);
            for (int i = 0; i < warmup; i++) {
                session.run();
            }
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                session.run();
            }
            double wallMs = (System.nanoTime() - start) / 1e6;
            java.nio.file.Files.move(session.endProfiling(), trace,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new dev.infbench.format.OperatorProfile("ONNX Runtime session profiling",
                    "each node's kernel time (Node events, which do not nest) over the profiled calls' model_run"
                            + " time; the warm-up calls are in the trace too and left out of the table",
                    warmup, calls, wallMs));
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path f : files.toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    @Override
    public Optional<FlopCount> flops(ModelBytes model, InputBatch inputs) throws Exception {
        return Optional.of(FlopCounter.count(model, inputs));
    }
}
