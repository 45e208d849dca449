package dev.infbench.backend;

import dev.infbench.backend.onnxruntime.OnnxRuntimeBackend;
import dev.infbench.backend.pytorch.PyTorchBackend;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Layout;
import dev.infbench.config.Parameter;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelKind;
import dev.infbench.model.ModelSpec;
import java.util.List;
import java.util.Map;

/** Every backend name, and the one pruning decision for a cell. */
public final class Backends {
    private static final Map<String, Backend> BACKENDS = Map.of(
            "onnxruntime", new OnnxRuntimeBackend(),
            "onnxruntime-trt", new ReservedBackend("onnxruntime-trt", "ONNX Runtime's TensorRT provider"),
            "pytorch", new PyTorchBackend(),
            "tensorrt", new ReservedBackend("tensorrt", "native TensorRT through the bytedeco presets"));

    static {
        List<String> declared = Parameter.BACKEND.choices();
        if (!BACKENDS.keySet().containsAll(declared) || declared.size() != BACKENDS.size()) {
            throw new IllegalStateException("backend names in Parameter and Backends disagree");
        }
    }

    private Backends() {
    }

    /**
     * The backend every cell is measured against: the fp32 reference of the accuracy gate and the operation count
     * of ONNX models run on ONNX Runtime's CPU provider, whatever the cell's own backend.
     */
    public static Backend reference() {
        return get(REFERENCE);
    }

    /** The name of {@link #reference()}. */
    public static final String REFERENCE = "onnxruntime";

    public static Backend get(String name) {
        Backend b = BACKENDS.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown backend " + name);
        }
        return b;
    }

    /**
     * Whether the cell can run here: first the rules that hold for every backend, then the backend's own.
     * Runs in the launcher, before any fork; loads no native code.
     */
    public static Capability check(CellConfig cell) {
        ModelSpec model = ModelCatalog.get(cell.model());
        if (cell.layout() == Layout.NHWC && model.isUserFile()) {
            return Capability.unsupported("nhwc on a user model file: the suite keeps the file's own input layout");
        }
        if (cell.layout() == Layout.NHWC && model.kind() != ModelKind.IMAGE) {
            return Capability.unsupported("nhwc applies to image models only (" + cell.model() + " is a text model)");
        }
        if (model.kind() == ModelKind.TEXT && model.maxSeq() > 0 && cell.seq() > model.maxSeq()) {
            return Capability.unsupported("seq " + cell.seq() + " exceeds " + cell.model() + "'s maximum of "
                    + model.maxSeq() + " positions");
        }
        Capability backendSays = get(cell.backend()).check(cell, model);
        if (!backendSays.supported()) {
            return backendSays;
        }
        String optionError = optionsError(cell);
        return optionError == null ? backendSays : Capability.unsupported(optionError);
    }

    /** An error line when the cell's backend does not understand its {@code options}, else null. */
    public static String optionsError(CellConfig cell) {
        Map<String, String> options = new java.util.LinkedHashMap<>(cell.optionMap());
        String fault = options.remove(FaultInjection.KEY);
        if (fault != null && !FaultInjection.KINDS.contains(fault)) {
            return "option fault:" + fault + " unknown; valid: " + String.join(", ", FaultInjection.KINDS);
        }
        String delay = options.remove(FaultInjection.DELAY);
        if (delay != null && FaultInjection.delayError(delay) != null) {
            return FaultInjection.delayError(delay);
        }
        return get(cell.backend()).checkOptions(options);
    }
}
