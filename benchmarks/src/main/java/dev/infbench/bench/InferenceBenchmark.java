package dev.infbench.bench;

import dev.infbench.accuracy.AccuracyGate;
import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Backends;
import dev.infbench.backend.Capability;
import dev.infbench.backend.FaultInjection;
import dev.infbench.backend.FlopCount;
import dev.infbench.config.CellConfig;
import dev.infbench.env.MachineSpeed;
import dev.infbench.format.SpeedProbe;
import dev.infbench.config.Parameter;
import dev.infbench.config.ParameterDefaults;
import dev.infbench.format.Accuracy;
import dev.infbench.model.InputFactory;
import dev.infbench.model.InputPlanException;
import dev.infbench.model.InputSpec;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelInputs;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import dev.infbench.model.TextInputs;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One synchronous inference call per operation, for one cell of the grid. Every parameter is a JMH
 * {@code @Param} whose name and default come from {@link Parameter}; the launcher runs one cell per JMH run.
 *
 * <p>{@code -t N} (JMH threads) means N concurrent callers sharing one session, as in a server.
 */
// SampleTime: every call is timed, so p50/p90/p99 are real per-call latencies (not percentiles of averages).
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Two forks: a fresh JVM and a fresh native session each, so fork-to-fork spread is measured, not hidden.
@Fork(2)
// Three 1 s warmup iterations: ONNX Runtime's arenas and the JIT settle within the first few calls.
@Warmup(iterations = 3, time = 1)
// Four 2 s iterations per fork: on 2 cores, about 1000 samples per fork at batch 1 for a MiniLM-sized model.
@Measurement(iterations = 4, time = 2)
@State(Scope.Benchmark)
public class InferenceBenchmark {

    @Param(ParameterDefaults.MODEL)
    public String model;
    @Param(ParameterDefaults.BACKEND)
    public String backend;
    @Param(ParameterDefaults.TARGET)
    public String target;
    @Param(ParameterDefaults.PRECISION)
    public String precision;
    @Param(ParameterDefaults.BATCH)
    public int batch;
    @Param(ParameterDefaults.THREADS)
    public int threads;
    @Param(ParameterDefaults.INTEROP)
    public int interop;
    @Param(ParameterDefaults.LAYOUT)
    public String layout;
    @Param(ParameterDefaults.SEQ)
    public int seq;
    @Param(ParameterDefaults.SHAPE)
    public String shape;
    @Param(ParameterDefaults.OPTIONS)
    public String options;
    @Param(ParameterDefaults.SCENARIO)
    public String scenario;
    @Param(ParameterDefaults.RATE)
    public int rate;
    @Param(ParameterDefaults.MAX_DELAY_MS)
    public int max_delay_ms;
    @Param(ParameterDefaults.CALLERS)
    public int callers;
    @Param(ParameterDefaults.SESSIONS)
    public int sessions;

    /** The properties a serving fork reads (set by the launcher): the SLA, its warmup and window, seconds. */
    public static final String SLA_PROPERTY = ServingFork.SLA_PROPERTY;
    public static final String WARMUP_PROPERTY = ServingFork.WARMUP_PROPERTY;
    public static final String WINDOW_PROPERTY = ServingFork.WINDOW_PROPERTY;

    private BackendSession session;
    /** What {@link Serving} opens more sessions of (scenario concurrency). */
    private ModelVariant variant;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        OrphanGuard.start();
        CellConfig cell = CellConfig.of(values());
        FaultInjection.beforeSetup(cell);
        ModelSpec spec = ModelCatalog.get(cell.model());
        Capability capability = Backends.check(cell);
        if (!capability.supported()) {
            throw new IllegalStateException("unsupported cell: " + capability.reason());
        }
        List<InputSpec> specs;
        try {
            specs = ModelInputs.plan(spec, cell.batch(), cell.seq(), cell.shape());
        } catch (InputPlanException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        variant = Backends.get(cell.backend()).variantFor(cell, spec);
        // Cold start: was the model file there to read, or does opening the session generate it (in load ms)?
        String modelCache = variant.resource() != null ? "none: bundled in the jar"
                : variant.file() != null ? "none: the user's file"
                : dev.infbench.model.ModelCache.isReady(variant) ? "hit: generated before the run, read from the cache"
                : "miss: generated while opening the session, counted in load ms";
        long openStart = System.nanoTime();
        session = FaultInjection.withDelay(cell, Backends.get(cell.backend()).open(cell, variant));
        double openMs = (System.nanoTime() - openStart) / 1e6;
        ForkRole role = ForkRole.current();
        InputFactory.Made timed = InputFactory.make(spec, specs, TextInputs.draw(cell.batch(), TextInputs.SEED),
                TextInputs.SEED);
        session.bind(timed.batch());
        // The cold start's first call: the new session's very first, on the timed inputs, in every fork alike.
        long firstStart = System.nanoTime();
        session.run();
        ForkProfiler.coldStart(openMs, (System.nanoTime() - firstStart) / 1e6);
        // Before the clock starts: are this cell's outputs right? Its own inputs, kept apart from the timed ones.
        // Once per cell: later forks check their outputs against the first fork's instead (below).
        Accuracy accuracy = null;
        if (role.first()) {
            accuracy = AccuracyGate.check(cell, spec, session, specs);
            session.bind(timed.batch());
            // One untimed call on the timed inputs again, for the outputs checked below.
            session.run();
        }
        String outputsDiffer = null;
        if (role.outputs() != null) {
            OutputDigest digest = OutputDigest.of(session.outputs());
            if (role.first()) {
                digest.write(role.outputs());
            } else {
                outputsDiffer = OutputDigest.read(role.outputs()).differences(digest);
            }
        }
        Map<String, Object> effective = new LinkedHashMap<>(session.effectiveSettings());
        effective.put("inputs", timed.how());
        effective.put("model_cache", modelCache);
        if (role.first()) {
            flops(spec, timed.batch(), cell.batch(), effective);
        }
        // Last before the clock starts: how fast is the machine itself right now, on this cell's threads?
        SpeedProbe probe = MachineSpeed.measure(cell.threads());
        // The fork profiler's peaks count from here: the cell serving, not the setup (the gate's reference session);
        // the setup's garbage collected first, so that the heap peak is the cell's own.
        System.gc();
        effective.put("peak_memory_from", ForkProfiler.resetPeaks());
        CellReport.write(cell.precision().label(), effective, session.mismatches(), accuracy, outputsDiffer, probe);
    }

    /**
     * The model's floating-point operations for this cell's shapes, counted by the reference backend on the model's
     * fp32 reference graph: the same for every precision and backend of the model, so reports can show GFLOP/s. A
     * model that is not ONNX (TorchScript) or that cannot be counted gets no count, and says why.
     */
    private static void flops(ModelSpec spec, dev.infbench.model.InputBatch inputs, int batch,
            Map<String, Object> effective) {
        if (spec.torchScript()) {
            effective.put("flops_source", "not counted: TorchScript files are not profiled");
            return;
        }
        try {
            Optional<FlopCount> count = Backends.reference().flops(spec.reference().read(), inputs);
            if (count.isEmpty()) {
                effective.put("flops_source", "not counted: the reference backend counts no operations");
                return;
            }
            effective.put("flops_per_call", count.get().total());
            effective.put("flops_per_sample", count.get().total() / batch);
            effective.put("flops_by_operator", count.get().byOperator());
            effective.put("flops_source", count.get().how());
        } catch (Exception e) {
            effective.put("flops_source", "not counted: " + e.getMessage());
        }
    }

    @Benchmark
    public Object infer() throws Exception {
        return session.run();
    }

    /**
     * The pipeline a serving process runs around the model, every call: preprocess (the request into input tensors,
     * bound to the session), the model (the call, its outputs copied to the host) and postprocess (the outputs into
     * the answer), each stage timed inside the call ({@link Stages}, reported by {@link ForkProfiler}). The launcher
     * runs it under {@code --profile}, one fork per model, outside the measured cells.
     */
    @Benchmark
    public Object pipeline(Pipeline p) throws Exception {
        long start = System.nanoTime();
        dev.infbench.model.InputBatch inputs = p.pre.prepare();
        session.bind(inputs);
        long prepared = System.nanoTime();
        List<dev.infbench.model.HostTensor> outputs = session.outputs();
        long inferred = System.nanoTime();
        Object answer = p.post.finish(outputs, inputs);
        Stages.record(start, prepared, inferred, System.nanoTime());
        return answer;
    }

    /**
     * A serving scenario (offline, server, concurrency): one invocation drives the whole load, warmup included, on
     * the fork's session(s) ({@link ServingFork}); its figures come back through the fork profiler as secondary
     * results. The launcher runs it with no JMH warmup and one measurement iteration; JMH's own score (the
     * invocation's length) is not a figure of the cell.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object serve(Serving s) throws Exception {
        ForkProfiler.load(ServingFork.run(s.cell, s.sessions, s.pool));
        return s.sessions.size();
    }

    /** A serving scenario's sessions and requests, made once per fork. */
    @State(Scope.Benchmark)
    public static class Serving {
        CellConfig cell;
        List<BackendSession> sessions;
        RequestPool pool;

        @Setup(Level.Trial)
        public void setUp(InferenceBenchmark bench) throws Exception {
            cell = CellConfig.of(bench.values());
            ModelSpec spec = ModelCatalog.get(cell.model());
            List<BackendSession> all = new java.util.ArrayList<>(List.of(bench.session));
            for (int i = 1; i < cell.sessions(); i++) {
                BackendSession extra = Backends.get(cell.backend()).open(cell, bench.variant);
                all.add(extra);
                extra.bind(InputFactory.make(spec, ModelInputs.plan(spec, cell.batch(), cell.seq(), cell.shape()),
                        TextInputs.draw(cell.batch(), TextInputs.SEED), TextInputs.SEED).batch());
            }
            sessions = List.copyOf(all);
            if (cell.scenario() != dev.infbench.config.Scenario.CONCURRENCY) {
                pool = RequestPool.make(spec, cell.seq(), cell.shape(), cell.batch());
                CellReport.note("request_pool", pool.describe());
            } else {
                CellReport.note("request_pool", "none: each session's inputs bound once, shared by its callers");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            // The first session is the benchmark's own, closed by its tear-down.
            for (int i = 1; sessions != null && i < sessions.size(); i++) {
                sessions.get(i).close();
            }
            sessions = null;
        }
    }

    /** The pipeline's two ends for the cell's model, made once per fork. */
    @State(Scope.Benchmark)
    public static class Pipeline {
        dev.infbench.model.PipelineStages.Pre pre;
        dev.infbench.model.PipelineStages.Post post;

        @Setup(Level.Trial)
        public void setUp(InferenceBenchmark cell) throws Exception {
            ModelSpec spec = ModelCatalog.get(CellConfig.of(cell.values()).model());
            List<InputSpec> specs = ModelInputs.plan(spec, cell.batch, cell.seq, cell.shape);
            pre = dev.infbench.model.PipelineStages.pre(spec, specs, cell.batch);
            post = dev.infbench.model.PipelineStages.post(spec);
            CellReport.stages(pre.describe(), post.describe());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (pre != null) {
                pre.close();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    Map<Parameter, String> values() {
        Map<Parameter, String> v = new EnumMap<>(Parameter.class);
        v.put(Parameter.MODEL, model);
        v.put(Parameter.BACKEND, backend);
        v.put(Parameter.TARGET, target);
        v.put(Parameter.PRECISION, precision);
        v.put(Parameter.BATCH, Integer.toString(batch));
        v.put(Parameter.THREADS, Integer.toString(threads));
        v.put(Parameter.INTEROP, Integer.toString(interop));
        v.put(Parameter.LAYOUT, layout);
        v.put(Parameter.SEQ, Integer.toString(seq));
        v.put(Parameter.SHAPE, shape);
        v.put(Parameter.OPTIONS, options);
        v.put(Parameter.SCENARIO, scenario);
        v.put(Parameter.RATE, Integer.toString(rate));
        v.put(Parameter.MAX_DELAY_MS, Integer.toString(max_delay_ms));
        v.put(Parameter.CALLERS, Integer.toString(callers));
        v.put(Parameter.SESSIONS, Integer.toString(sessions));
        return v;
    }
}
