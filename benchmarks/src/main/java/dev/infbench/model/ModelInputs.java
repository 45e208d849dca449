package dev.infbench.model;

import dev.infbench.config.ShapeSpec;
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
        if (model.torchScript()) {
            return torchScript(model, batch, ShapeSpec.parse(shape));
        }
        return InputPlanner.plan(graph(model), batch, seq, ShapeSpec.parse(shape));
    }

    /**
     * A TorchScript file declares no input shapes: they come from {@code -p shape}, float32, batch first, in the
     * order given (the order {@code forward} takes them).
     */
    private static List<InputSpec> torchScript(ModelSpec model, int batch, ShapeSpec shapes)
            throws InputPlanException {
        if (shapes.names().isEmpty()) {
            throw new InputPlanException(model.name() + " is TorchScript, which declares no input shapes: give them"
                    + " with -p shape=NAME:DIMS (float32, batch first; e.g. -p shape=input:3x224x224; several inputs"
                    + " joined by '+', in the order forward() takes them)", false);
        }
        List<InputSpec> specs = new java.util.ArrayList<>();
        for (String name : shapes.names()) {
            long[] after = shapes.dimsAfterBatch(name);
            long[] shape = new long[after.length + 1];
            shape[0] = batch;
            System.arraycopy(after, 0, shape, 1, after.length);
            specs.add(new InputSpec(name, DType.FLOAT32, shape, InputSpec.Role.FLOAT, null));
        }
        return specs;
    }
}
