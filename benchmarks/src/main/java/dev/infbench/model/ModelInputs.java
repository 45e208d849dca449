package dev.infbench.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads each model's graph once per JVM and plans a cell's inputs from it. */
public final class ModelInputs {
    private static final Map<String, OnnxGraphInfo> GRAPHS = new ConcurrentHashMap<>();

    private ModelInputs() {
    }

    /** The graph of the model's reference (fp32) variant: every variant of a model takes the same inputs. */
    public static OnnxGraphInfo graph(ModelSpec model) {
        ModelVariant v = model.reference();
        return GRAPHS.computeIfAbsent(v.location(), k -> OnnxGraphInfo.parse(model.name(), v.load()));
    }

    public static List<InputSpec> plan(ModelSpec model, int batch, int seq, String shape) throws InputPlanException {
        return InputPlanner.plan(graph(model), batch, seq, ShapeSpec.parse(shape));
    }
}
