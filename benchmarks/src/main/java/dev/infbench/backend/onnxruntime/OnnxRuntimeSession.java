package dev.infbench.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.infbench.backend.SessionBase;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Layout;
import dev.infbench.config.Precision;
import dev.infbench.env.CpuBudget;
import dev.infbench.env.ProcessThreads;
import dev.infbench.model.DType;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelBytes;
import dev.infbench.model.ModelTransform;
import dev.infbench.model.ModelVariant;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One ONNX Runtime session on the CPU provider. */
final class OnnxRuntimeSession extends SessionBase {
    private final OrtEnvironment env;
    private final SessionOptions options;
    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

    private final boolean nhwc;

    private OnnxRuntimeSession(OrtEnvironment env, SessionOptions options, OrtSession session,
                               Map<String, Object> effective, List<String> mismatches, boolean nhwc) {
        super(effective, mismatches);
        this.nhwc = nhwc;
        this.env = env;
        this.options = options;
        this.session = session;
    }

    static OnnxRuntimeSession open(CellConfig cell, ModelVariant asked) throws OrtException, java.io.IOException {
        return open(cell, asked, null);
    }

    /**
     * The cell's session; with {@code profilePrefix}, ONNX Runtime's session profiling on from its creation
     * ({@link #endProfiling} writes the trace).
     */
    static OnnxRuntimeSession open(CellConfig cell, ModelVariant asked, java.nio.file.Path profilePrefix)
            throws OrtException, java.io.IOException {
        // Channels-last: the same model taking NHWC images through a Transpose; images are reordered in bind().
        boolean nhwc = cell.layout() == Layout.NHWC;
        ModelVariant variant = nhwc ? asked.with(ModelTransform.nhwcInputs()) : asked;
        ModelBytes model = variant.read();
        byte[] bytes = model.bytes();
        Map<String, String> opts = cell.optionMap();

        // threads=0 means every core this process may use: its cgroup CPU quota and cpuset, where the host's core
        // count would oversubscribe a container.
        int intra = cell.threads() == 0 ? CpuBudget.cores() : cell.threads();
        boolean parallel = opts.containsKey("mode") ? opts.get("mode").equals("parallel") : cell.interop() > 1;
        OptLevel optLevel = OnnxRuntimeBackend.OPT_LEVELS.get(opts.getOrDefault("opt", "all"));
        boolean spin = !"off".equals(opts.get("spin"));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        // For lowered precisions, the graph ONNX Runtime really runs after its fusions is written out by a probe
        // session with the same options and read back: it shows whether Q/DQ pairs became QLinearConv or stayed float
        // Conv between casts. A separate session, so the timed one is configured exactly as an fp32 cell's.
        Map<String, Integer> optimizedOps = null;
        if (cell.precision() != Precision.FP32) {
            java.nio.file.Path optimized = java.nio.file.Files.createTempFile("infbench-optimized", ".onnx");
            try (SessionOptions probe = options(intra, parallel, cell.interop(), optLevel, spin)) {
                probe.setOptimizedModelFilePath(optimized.toString());
                OrtSessions.create(env, model, probe).close();
                optimizedOps = PrecisionProbe.operators(optimized);
            } finally {
                deleteQuietly(optimized);
            }
        }
        SessionOptions so = options(intra, parallel, cell.interop(), optLevel, spin);
        if (profilePrefix != null) {
            so.enableProfiling(profilePrefix.toString());
        }
        Map<String, String> threadsBefore = ProcessThreads.snapshot();
        OrtSession session;
        try {
            session = OrtSessions.create(env, model, so);
        } catch (OrtException e) {
            so.close();
            throw e;
        }
        Integer created = ProcessThreads.created(threadsBefore, ProcessThreads.snapshot());

        Map<String, Object> eff = new LinkedHashMap<>();
        eff.put("backend", "onnxruntime " + env.getVersion());
        eff.put("provider", "CPUExecutionProvider");
        eff.put("intra_op_threads", intra);
        eff.put("intra_op_threads_source", cell.threads() == 0
                ? "threads=0 resolved to this process's CPU budget " + CpuBudget.probe().toMap() : "as asked");
        eff.put("execution_mode", parallel ? "PARALLEL" : "SEQUENTIAL");
        eff.put("inter_op_threads", parallel ? cell.interop() : 1);
        eff.put("optimization_level", optLevel.name());
        eff.put("allow_spinning", spin);
        eff.put("threads_created_by_session", created);
        eff.put("precision_computed", PrecisionProbe.describe(cell.precision(), bytes));
        if (optimizedOps != null) {
            eff.put("optimized_graph", PrecisionProbe.optimized(optimizedOps));
            eff.put("optimized_graph_operators", optimizedOps);
        }
        eff.put("layout", nhwc ? "nhwc: 4-D float inputs fed channels-last, transposed inside the graph" : "nchw");
        eff.put("model_variant", variant.description());
        eff.put("model_location", variant.location());
        eff.put("model_bytes", bytes.length);
        eff.put("model_sha256", model.sha256());
        if (model.describeExternalData() != null) {
            eff.put("external_data", model.describeExternalData());
        }

        List<String> mismatches = new ArrayList<>();
        // What the asked settings should create: ONNX Runtime's intra-op pool has intra - 1 threads (the caller is
        // the last) and an inter-op pool has interop - 1 (measured on 1.23.2). Fewer or more means a setting did not
        // take effect as asked.
        int expected = (intra - 1) + (cell.interop() > 1 ? cell.interop() - 1 : 0);
        if (created != null && created != expected) {
            int interCreated = Math.max(0, created - (intra - 1));
            if (!parallel && cell.interop() > 1 && created == intra - 1) {
                mismatches.add("interop=" + cell.interop() + " asked, but the session runs SEQUENTIAL and created no"
                        + " inter-op threads (ONNX Runtime ignores inter-op threads outside parallel mode)");
            } else {
                mismatches.add("threads=" + cell.threads() + " interop=" + cell.interop() + " asked: expected "
                        + expected + " new threads, the session created " + created + " (inter-op share "
                        + interCreated + ")");
            }
        }
        if (cell.threads() > CpuBudget.cores()) {
            eff.put("oversubscribed", "threads=" + cell.threads() + " on " + CpuBudget.cores() + " usable cores");
        }
        return new OnnxRuntimeSession(env, so, session, eff, mismatches, nhwc);
    }

    /** The session options a cell asks for. */
    private static SessionOptions options(int intra, boolean parallel, int interop, OptLevel optLevel, boolean spin)
            throws OrtException {
        SessionOptions so = new SessionOptions();
        so.setIntraOpNumThreads(intra);
        so.setExecutionMode(parallel ? ExecutionMode.PARALLEL : ExecutionMode.SEQUENTIAL);
        // Set whenever asked, as user code does: in sequential mode ONNX Runtime ignores it without a word, and the
        // thread count the caller measures is how the suite finds out.
        so.setInterOpNumThreads(interop);
        so.setOptimizationLevel(optLevel);
        so.addConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        so.addConfigEntry("session.inter_op.allow_spinning", spin ? "1" : "0");
        return so;
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException ignored) {
            // a temporary file left behind is harmless
        }
    }

    /** Ends session profiling; the trace file ONNX Runtime wrote. */
    java.nio.file.Path endProfiling() throws OrtException {
        return java.nio.file.Path.of(session.endProfiling());
    }

    @Override
    public void bind(InputBatch batch) throws OrtException {
        closeInputs();
        for (String name : session.getInputNames()) {
            HostTensor t = batch.tensors().get(name);
            if (t == null) {
                throw new IllegalArgumentException("model input '" + name + "' has no data; inputs made: "
                        + batch.describe());
            }
            if (nhwc && t.shape().length == 4 && t.dtype().isFloat()) {
                t = t.toChannelsLast();
            }
            inputs.put(name, OnnxTensor.createTensor(env, t.data(), t.shape(), OrtFeed.javaType(t.dtype())));
        }
        setting("inputs", batch.describe());
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
    public List<HostTensor> outputs() throws OrtException {
        List<HostTensor> out = new ArrayList<>();
        try (OrtSession.Result result = session.run(inputs)) {
            for (Map.Entry<String, OnnxValue> e : result) {
                if (!(e.getValue() instanceof OnnxTensor t)) {
                    continue; // sequences and maps are not compared
                }
                long[] shape = ((TensorInfo) t.getInfo()).getShape();
                FloatBuffer floats = t.getFloatBuffer();
                HostTensor h = HostTensor.allocate(e.getKey(), DType.FLOAT32, shape);
                if (floats != null) {
                    h.data().asFloatBuffer().put(floats);
                } else {
                    Object values = t.getValue();
                    fillFrom(h, values);
                }
                out.add(h);
            }
        }
        return out;
    }

    /** Integer or boolean outputs, flattened into the float tensor. */
    private static void fillFrom(HostTensor h, Object values) {
        List<Double> flat = new ArrayList<>();
        flatten(values, flat);
        for (int i = 0; i < flat.size(); i++) {
            h.set(i, flat.get(i));
        }
    }

    private static void flatten(Object o, List<Double> into) {
        if (o instanceof Object[] arr) {
            for (Object x : arr) {
                flatten(x, into);
            }
        } else if (o instanceof long[] a) {
            for (long x : a) {
                into.add((double) x);
            }
        } else if (o instanceof int[] a) {
            for (int x : a) {
                into.add((double) x);
            }
        } else if (o instanceof byte[] a) {
            for (byte x : a) {
                into.add((double) x);
            }
        } else if (o instanceof boolean[] a) {
            for (boolean x : a) {
                into.add(x ? 1.0 : 0.0);
            }
        } else if (o instanceof double[] a) {
            for (double x : a) {
                into.add(x);
            }
        } else if (o instanceof Number n) {
            into.add(n.doubleValue());
        } else if (o instanceof Boolean b) {
            into.add(b ? 1.0 : 0.0);
        }
    }

    private void closeInputs() {
        inputs.values().forEach(OnnxTensor::close);
        inputs.clear();
    }

    @Override
    public void close() throws OrtException {
        closeInputs();
        session.close();
        options.close();
    }
}
