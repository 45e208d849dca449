package dev.infbench.backend.pytorch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * DJL's PyTorch engine, started once per JVM, offline, from the libtorch jar inside benchmarks.jar. libtorch's
 * intra-op threads are process-wide and its inter-op threads can be set only once per process, so the first
 * {@link #start} of a JVM decides them: each cell runs in its own fork, which starts the engine with the cell's
 * values. {@link #threads()} and {@link #interopThreads()} read back what libtorch really uses.
 */
public final class TorchEngine {
    private static Engine engine;
    private static int askedThreads;
    private static int askedInterop;

    private TorchEngine() {
    }

    /**
     * Starts the engine with {@code threads} intra-op and {@code interop} inter-op threads, or returns the engine
     * already started (whose thread counts then stay as they were: see {@link #askedThreads()}).
     */
    public static synchronized Engine start(int threads, int interop) {
        if (engine == null) {
            // Never download: libtorch comes from the pytorch-native-cpu jar on the classpath.
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interop));
            askedThreads = threads;
            askedInterop = interop;
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
    }

    /** True once the engine runs in this JVM. */
    public static synchronized boolean started() {
        return engine != null;
    }

    /** Intra-op threads the engine was started with. */
    public static synchronized int askedThreads() {
        return askedThreads;
    }

    /** Inter-op threads the engine was started with. */
    public static synchronized int askedInteropThreads() {
        return askedInterop;
    }

    /** Intra-op threads libtorch uses, read back from libtorch. */
    public static int threads() {
        return JniUtils.getNumThreads();
    }

    /** Inter-op threads libtorch uses, read back from libtorch. */
    public static int interopThreads() {
        return JniUtils.getNumInteropThreads();
    }

    /** libtorch's version, e.g. 2.7.1. */
    public static String version() {
        return engine == null ? "not started" : engine.getVersion();
    }
}
