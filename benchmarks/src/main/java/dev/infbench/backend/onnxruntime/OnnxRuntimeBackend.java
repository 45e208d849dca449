package dev.infbench.backend.onnxruntime;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.infbench.backend.Backend;
import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Capability;
import dev.infbench.config.CellConfig;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime through its Java API, CPU execution provider. Inter-op threads above 1 switch the session to
 * ONNX Runtime's parallel execution mode (independent graph nodes run concurrently); with 1 the session runs
 * sequentially and has no inter-op pool at all.
 *
 * <p>Options ({@code -p options=...}): {@code opt:none|basic|extended|all} graph optimization level (default all),
 * {@code spin:on|off} whether idle intra-op threads spin (ONNX Runtime's default is on), {@code mode:sequential|parallel}
 * to force the execution mode (by default parallel exactly when interop &gt; 1; forcing sequential with interop &gt; 1
 * reproduces the common mistake of setting inter-op threads that ONNX Runtime then silently ignores).
 */
public final class OnnxRuntimeBackend implements Backend {
    static final Map<String, OptLevel> OPT_LEVELS = Map.of(
            "none", OptLevel.NO_OPT,
            "basic", OptLevel.BASIC_OPT,
            "extended", OptLevel.EXTENDED_OPT,
            "all", OptLevel.ALL_OPT);
    private static final List<String> SPIN = List.of("on", "off");
    private static final List<String> MODES = List.of("sequential", "parallel");

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
        if (cell.precision().equals("bf16")) {
            return Capability.unsupported("bf16 on onnxruntime/cpu: no CPU kernels");
        }
        if (model.variant(cell.precision()).isEmpty() && model.isUserFile()) {
            return Capability.unsupported(cell.precision() + " on onnxruntime: a user model file runs as given (fp32"
                    + " here); no " + cell.precision() + " variant of it exists in this build");
        }
        if (model.variant(cell.precision()).isEmpty()) {
            return Capability.unsupported(cell.precision() + " on onnxruntime: " + model.name() + " has no "
                    + cell.precision() + " variant in this build (bundled: " + String.join(", ", model.variants().keySet())
                    + ")");
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
                default -> {
                    return "onnxruntime has no option '" + e.getKey() + "'; valid: opt, spin, mode";
                }
            }
        }
        return null;
    }

    @Override
    public BackendSession open(CellConfig cell, ModelVariant variant) throws Exception {
        return OnnxRuntimeSession.open(cell, variant);
    }
}
