package dev.infbench.backend.pytorch;

import dev.infbench.backend.Backend;
import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Capability;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Precision;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import dev.infbench.model.image.ImageModels;
import java.util.Map;

/**
 * PyTorch (libtorch 2.7.1, CPU build) through DJL 0.36, offline. Runs the image networks the suite generates, built
 * as DJL blocks and loaded with the very weights of their ONNX files, and users' TorchScript files (fp32, as saved;
 * executable code, so the launcher warns before loading one). fp32 and fp16 (parameters and inputs cast in
 * place); bf16 and int8 are pruned, never attempted: any bf16 tensor through DJL aborts the whole JVM, and DJL
 * exposes no quantized kernels.
 */
public final class PyTorchBackend implements Backend {

    @Override
    public String name() {
        return "pytorch";
    }

    @Override
    public Capability check(CellConfig cell, ModelSpec model) {
        if (cell.target().equals("cuda")) {
            return Capability.unsupported("pytorch/cuda: this build bundles libtorch's CPU build (pytorch-native-cpu"
                    + " 2.7.1); no CUDA libtorch 2.7.1 is published on Maven Central");
        }
        if (model.torchScript()) {
            return cell.precision() == Precision.FP32 ? Capability.yes() : Capability.unsupported(cell.precision()
                    + " on a TorchScript file: it runs as saved (fp32 here); the suite does not convert it");
        }
        if (ImageModels.architecture(model.name()).isEmpty()) {
            return Capability.unsupported("pytorch runs the image networks built as DJL blocks ("
                    + String.join(", ", ImageModels.architectures().keySet()) + ") and TorchScript files; "
                    + model.name() + " exists here only as an ONNX file");
        }
        return switch (cell.precision()) {
            case FP32, FP16 -> Capability.yes();
            case BF16 -> Capability.unsupported("bf16 on pytorch through DJL: any bf16 tensor aborts the JVM (DJL's"
                    + " PyTorch type mapping has no bf16); not attempted");
            case INT8 -> Capability.unsupported("int8 on pytorch through DJL: no quantized kernels are exposed;"
                    + " not implemented");
        };
    }

    @Override
    public String checkOptions(Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (!e.getKey().equals(PyTorchSession.ABORT_OPTION)) {
                return "pytorch has no option '" + e.getKey() + "'; valid: " + PyTorchSession.ABORT_OPTION
                        + ":bf16 (test only)";
            }
            if (!e.getValue().equals("bf16")) {
                return "pytorch option " + PyTorchSession.ABORT_OPTION + ":" + e.getValue() + " unknown; valid: bf16";
            }
        }
        return null;
    }

    /** fp16 is made in the session from the fp32 weights (cast in place), so every precision opens the fp32 file. */
    @Override
    public ModelVariant variantFor(CellConfig cell, ModelSpec model) {
        return model.reference();
    }

    @Override
    public BackendSession open(CellConfig cell, ModelVariant variant) throws Exception {
        return PyTorchSession.open(cell, variant);
    }

    /** libtorch's autograd profiler through DJL, started after the warm-up: only the profiled calls are traced. */
    @Override
    public java.util.Optional<dev.infbench.format.OperatorProfile> profile(CellConfig cell, ModelVariant variant,
            dev.infbench.model.InputBatch inputs, int warmup, int calls, java.nio.file.Path trace) throws Exception {
        try (BackendSession session = open(cell, variant)) {
            session.bind(inputs);
            for (int i = 0; i < warmup; i++) {
                session.run();
            }
            // No CUDA, shapes recorded, no memory profiling.
            ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
            long start = System.nanoTime();
            try {
                for (int i = 0; i < calls; i++) {
                    session.run();
                }
            } finally {
                ai.djl.pytorch.jni.JniUtils.stopProfile(trace.toAbsolutePath().toString());
            }
            double wallMs = (System.nanoTime() - start) / 1e6;
            return java.util.Optional.of(new dev.infbench.format.OperatorProfile("libtorch autograd profiler"
                    + " through DJL", "self time: an aten operator's events nest (aten::conv2d holds"
                    + " aten::convolution, which holds the kernel), so each event's time less its children's is"
                    + " summed, and the total is the time inside any operator", warmup, calls, wallMs));
        }
    }
}
