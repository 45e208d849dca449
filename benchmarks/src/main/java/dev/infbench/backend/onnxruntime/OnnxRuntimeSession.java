package dev.infbench.backend.onnxruntime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.infbench.backend.BackendSession;
import dev.infbench.config.CellConfig;
import dev.infbench.env.ProcessThreads;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** One ONNX Runtime session on the CPU provider, with its inputs bound once. */
final class OnnxRuntimeSession implements BackendSession {
    private final OrtEnvironment env;
    private final SessionOptions options;
    private final OrtSession session;
    private final Map<String, Object> effective;
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

    private OnnxRuntimeSession(OrtEnvironment env, SessionOptions options, OrtSession session,
                               Map<String, Object> effective) {
        this.env = env;
        this.options = options;
        this.session = session;
        this.effective = effective;
    }

    static OnnxRuntimeSession open(CellConfig cell, ModelSpec model) throws OrtException {
        ModelVariant variant = model.variant(cell.precision()).orElseThrow();
        byte[] bytes = variant.load();
        Map<String, String> opts = cell.optionMap();

        // threads=0 means every core this process may use: availableProcessors() honours the cgroup CPU quota
        // and the cpuset, where the host's core count would oversubscribe a container.
        int intra = cell.threads() == 0 ? Runtime.getRuntime().availableProcessors() : cell.threads();
        boolean parallel = cell.interop() > 1;
        OptLevel optLevel = OnnxRuntimeBackend.OPT_LEVELS.get(opts.getOrDefault("opt", "all"));
        boolean spin = !"off".equals(opts.get("spin"));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        SessionOptions so = new SessionOptions();
        so.setIntraOpNumThreads(intra);
        so.setExecutionMode(parallel ? ExecutionMode.PARALLEL : ExecutionMode.SEQUENTIAL);
        if (parallel) {
            so.setInterOpNumThreads(cell.interop());
        }
        so.setOptimizationLevel(optLevel);
        so.addConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        if (parallel) {
            so.addConfigEntry("session.inter_op.allow_spinning", spin ? "1" : "0");
        }

        int threadsBefore = ProcessThreads.count();
        OrtSession session = env.createSession(bytes, so);
        int threadsAfter = ProcessThreads.count();

        Map<String, Object> eff = new LinkedHashMap<>();
        eff.put("backend", "onnxruntime " + env.getVersion());
        eff.put("provider", "CPUExecutionProvider");
        eff.put("intra_op_threads", intra);
        eff.put("intra_op_threads_source", cell.threads() == 0
                ? "threads=0 resolved to availableProcessors() = " + intra + " (cgroup quota and cpuset aware)"
                : "as asked");
        eff.put("execution_mode", parallel ? "PARALLEL" : "SEQUENTIAL");
        eff.put("inter_op_threads", parallel ? cell.interop() : 1);
        eff.put("optimization_level", optLevel.name());
        eff.put("allow_spinning", spin);
        // ORT creates intra-1 pool threads (the caller is the last one) and, in parallel mode, an inter-op pool.
        eff.put("threads_created_by_session", threadsAfter >= 0 && threadsBefore >= 0 ? threadsAfter - threadsBefore : null);
        eff.put("precision_computed", cell.precision());
        eff.put("model_variant", variant.description());
        eff.put("model_resource", variant.resource());
        eff.put("model_bytes", bytes.length);
        eff.put("model_sha256", ModelVariant.sha256(bytes));
        return new OnnxRuntimeSession(env, so, session, eff);
    }

    @Override
    public void bind(InputBatch batch) throws OrtException {
        for (Map.Entry<String, NodeInfo> in : session.getInputInfo().entrySet()) {
            HostTensor t = batch.tensors().get(in.getKey());
            if (t == null) {
                throw new IllegalArgumentException("model input '" + in.getKey() + "' has no data; inputs made: "
                        + batch.describe());
            }
            inputs.put(in.getKey(), toOrt(t));
        }
        effective.put("inputs", batch.describe());
    }

    /** Direct, native-order buffers: ONNX Runtime uses them in place instead of copying on every call. */
    private OnnxTensor toOrt(HostTensor t) throws OrtException {
        if (t.longs() != null) {
            LongBuffer buf = ByteBuffer.allocateDirect(t.longs().length * Long.BYTES)
                    .order(ByteOrder.nativeOrder()).asLongBuffer();
            buf.put(t.longs()).rewind();
            return OnnxTensor.createTensor(env, buf, t.shape());
        }
        FloatBuffer buf = ByteBuffer.allocateDirect(t.floats().length * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        buf.put(t.floats()).rewind();
        return OnnxTensor.createTensor(env, buf, t.shape());
    }

    @Override
    public Object run() throws OrtException {
        // Outputs are written to host memory before run() returns (CPU provider); releasing them is part of the
        // call, as in any user's loop.
        try (OrtSession.Result result = session.run(inputs)) {
            return result.size();
        }
    }

    @Override
    public Map<String, Object> effectiveSettings() {
        return effective;
    }

    @Override
    public void close() throws OrtException {
        for (OnnxTensor t : inputs.values()) {
            t.close();
        }
        session.close();
        options.close();
    }
}
