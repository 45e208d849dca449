package dev.infbench.model.quantize;

import ai.onnx.proto.OnnxMl;
import dev.infbench.model.InputBatch;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What static quantization needs of a backend: run a model on inputs and hand over the values of some of its float
 * tensors. The model layer knows no backend; a backend provides this as a {@link ServiceLoader} service (ONNX
 * Runtime does, at optimization level NO_OPT so that every tensor named in the graph still exists).
 */
public interface TensorObserver {

    /**
     * Runs {@code model} on each input batch and calls {@code sink} with each wanted tensor's values (graph inputs
     * among them are handed over from the batch itself).
     */
    void observe(OnnxMl.ModelProto model, Set<String> tensors, List<InputBatch> inputs,
                 BiConsumer<String, FloatBuffer> sink) throws Exception;

    /** The provider on the class path. */
    static TensorObserver installed() {
        return ServiceLoader.load(TensorObserver.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no backend on the class path provides " + TensorObserver.class.getName() + " (META-INF/services)"));
    }
}
