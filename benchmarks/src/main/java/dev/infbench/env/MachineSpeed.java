package dev.infbench.env;

import dev.infbench.format.SpeedProbe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.DoubleSupplier;

/**
 * The machine-speed probe: a fixed workload that depends on no backend, about a third of a second, run at the
 * start of every fork on the cell's thread count (a busy neighbour core then shows). Two parts: a compute loop (an
 * integer random-number step and a floating-point multiply-add, kept in registers) and a memory loop (copies between
 * two 32 MiB off-heap buffers per thread). Each part warms up for {@value #WARMUP_MS} ms (the JIT compiles it) and is then
 * timed in {@value #SLICES} slices of {@value #SLICE_MS} ms; a thread's rate is its best slice, and the rates of all
 * threads are added up. The best slice, not the mean: a loop the JIT had not finished compiling when the warm-up
 * ended, or one preempted for a few milliseconds, would otherwise read as a slow machine (seen: 41 against 550
 * M steps/s in forks a few seconds apart, from a compile queue busy with the backend's setup), while a neighbour that
 * holds a core for the whole probe slows every slice.
 */
public final class MachineSpeed {
    static final long WARMUP_MS = 50;
    static final int SLICES = 6;
    static final long SLICE_MS = 20;
    static final long MEASURE_MS = SLICES * SLICE_MS;
    private static final int ARRAY_LONGS = 4 << 20;
    private static final int STEPS_PER_CHUNK = 100_000;

    /** Keeps the loops' results alive, so that the JIT cannot drop them. */
    private static volatile double sink;

    private MachineSpeed() {
    }

    /** Measures the machine on {@code threads} threads (0: every available processor). */
    public static SpeedProbe measure(int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        double compute = together(n, MachineSpeed::computeMops);
        double memory = together(n, () -> memoryGbs(ARRAY_LONGS * Long.BYTES));
        return new SpeedProbe(n, round(compute), round(memory), round((System.nanoTime() - start) / 1e6));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Runs {@code part} on {@code n} threads started together; the sum of their rates. */
    private static double together(int n, DoubleSupplier part) {
        CountDownLatch go = new CountDownLatch(1);
        double[] rates = new double[n];
        List<Thread> threads = start(n, "infbench-speed-probe-", slot -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            rates[slot] = part.getAsDouble();
        });
        go.countDown();
        if (!joined(threads)) {
            return Double.NaN;
        }
        double sum = 0;
        for (double rate : rates) {
            sum += rate;
        }
        return sum;
    }

    /** {@code n} daemon threads named {@code name} + slot, started, each running {@code body} with its slot. */
    private static List<Thread> start(int n, String name, java.util.function.IntConsumer body) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            Thread t = new Thread(() -> body.accept(slot), name + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return threads;
    }

    /** Waits for every thread; false when this thread was interrupted meanwhile (its flag set again). */
    private static boolean joined(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Millions of compute steps per second on this thread. */
    static double computeMops() {
        long x = System.nanoTime() | 1;
        double d = 1;
        long until = System.nanoTime() + WARMUP_MS * 1_000_000;
        while (System.nanoTime() < until) {
            d += chunk(x, d);
        }
        double[] acc = {d};
        double best = bestSlice(done -> {
            acc[0] += chunk(x + done, acc[0]);
            return STEPS_PER_CHUNK;
        }) / 1e6;
        sink = acc[0];
        return best;
    }

    /**
     * The best rate of {@code step} over {@value #SLICES} slices of {@value #SLICE_MS} ms, in units per second:
     * {@code step} does one piece of work, given the units done so far, and returns the units it did.
     */
    private static double bestSlice(java.util.function.LongUnaryOperator step) {
        double best = 0;
        for (double rate : sliceRates(SLICES, SLICE_MS, step)) {
            best = Math.max(best, rate);
        }
        return best;
    }

    /**
     * The rate of {@code step} in each of {@code slices} back-to-back slices of about {@code sliceMs} ms, in units
     * per second (a slice ends with the first piece of work that crosses its end): the probe's slices and the
     * machine peak's tries.
     */
    public static double[] sliceRates(int slices, long sliceMs, java.util.function.LongUnaryOperator step) {
        double[] rates = new double[slices];
        long done = 0;
        for (int slice = 0; slice < slices; slice++) {
            long units = 0;
            long begin = System.nanoTime();
            long end = begin + sliceMs * 1_000_000;
            long now;
            do {
                units += step.applyAsLong(done + units);
                now = System.nanoTime();
            } while (now < end);
            done += units;
            rates[slice] = units / ((now - begin) / 1e9);
        }
        return rates;
    }

    private static double chunk(long x, double d) {
        double acc = d;
        for (int i = 0; i < STEPS_PER_CHUNK; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            acc = acc * 0.999999 + (x >>> 11) * 0x1.0p-53;
        }
        return acc * 1e-9;
    }

    /**
     * GB per second copied (read and written) by {@code threads} threads at once, each between two off-heap buffers
     * of {@code mibPerThread} MiB: the machine peak's bandwidth part. The threads allocate and warm up, wait for each
     * other, then copy for the same {@value #WINDOW_MS} ms window; the result is the sum of their rates over that
     * window, a bandwidth the threads reached together, not each thread's best moment added up.
     *
     * @throws IllegalStateException when a thread cannot allocate its buffers (or fails otherwise): no figure rather
     *                               than a low one
     */
    public static double bandwidthGbs(int threads, int mibPerThread) {
        int bytes = mibPerThread << 20;
        CountDownLatch ready = new CountDownLatch(threads);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        double[] rates = new double[threads];
        Throwable[] failure = new Throwable[threads];
        List<Thread> workers = start(threads, "infbench-bandwidth-", slot -> {
            try {
                rates[slot] = memoryWindow(bytes, ready, failed);
            } catch (Throwable e) {
                failure[slot] = e;
                failed.set(true);
            }
        });
        if (!joined(workers)) {
            throw new IllegalStateException("interrupted while measuring the memory bandwidth");
        }
        for (Throwable f : failure) {
            if (f != null) {
                throw new IllegalStateException("a copy thread failed (" + f + ") with two " + mibPerThread
                        + " MiB buffers per thread", f);
            }
        }
        double sum = 0;
        for (double rate : rates) {
            sum += rate;
        }
        return sum;
    }

    /** The window every copy thread of {@link #bandwidthGbs} copies for, together. */
    static final long WINDOW_MS = 200;

    /** GB per second copied (read and written) on this thread between two buffers of {@code bytes}: its best slice. */
    static double memoryGbs(int bytes) {
        ByteBuffer[] buffers = buffers(bytes);
        try {
            ByteBuffer a = buffers[0];
            ByteBuffer b = buffers[1];
            // Each copy reads and writes the buffer: 2 × bytes moved.
            double copiesPerS = bestSlice(done -> {
                boolean even = done % 2 == 0;
                copy(even ? a : b, even ? b : a);
                return 1;
            });
            sink = b.getLong(1024) + a.getLong(2048);
            return copiesPerS * 2.0 * bytes / 1e9;
        } finally {
            free(buffers);
        }
    }

    /**
     * One copy thread of {@link #bandwidthGbs}: allocate and warm up, say so on {@code ready}, wait for the others,
     * then copy for {@link #WINDOW_MS}; its GB/s over that window, or 0 when another thread failed meanwhile.
     */
    private static double memoryWindow(int bytes, CountDownLatch ready,
                                       java.util.concurrent.atomic.AtomicBoolean failed) throws Exception {
        ByteBuffer[] buffers;
        try {
            buffers = buffers(bytes);
        } catch (RuntimeException | Error e) {
            failed.set(true); // before the count-down: the others then skip their window
            throw e;
        } finally {
            ready.countDown(); // ready or failed: nobody waits for a thread that will never come
        }
        try {
            if (!ready.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("the other copy threads never got ready");
            }
            if (failed.get()) {
                return 0;
            }
            ByteBuffer a = buffers[0];
            ByteBuffer b = buffers[1];
            long copies = 0;
            long begin = System.nanoTime();
            long end = begin + WINDOW_MS * 1_000_000;
            long now;
            do {
                boolean even = copies % 2 == 0;
                copy(even ? a : b, even ? b : a);
                copies++;
                now = System.nanoTime();
            } while (now < end);
            sink = b.getLong(1024) + a.getLong(2048);
            // Each copy reads and writes the buffer: 2 × bytes moved.
            return copies * 2.0 * bytes / ((now - begin) / 1e9) / 1e9;
        } finally {
            free(buffers);
        }
    }

    /**
     * Two off-heap buffers of {@code bytes}, the first's pages touched, copied between for {@value #WARMUP_MS} ms.
     * Off the heap, and freed by the caller: heap pages the JVM touched stay resident, and would count in the fork's
     * peak memory.
     */
    private static ByteBuffer[] buffers(int bytes) {
        ByteBuffer a = ByteBuffer.allocateDirect(bytes);
        ByteBuffer b;
        try {
            b = ByteBuffer.allocateDirect(bytes);
        } catch (RuntimeException | Error e) {
            free(a);
            throw e;
        }
        for (int i = 0; i < bytes; i += 4096) {
            a.putLong(i, i);
        }
        long until = System.nanoTime() + WARMUP_MS * 1_000_000;
        while (System.nanoTime() < until) {
            copy(a, b);
        }
        return new ByteBuffer[] {a, b};
    }

    private static void free(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            free(buffer);
        }
    }

    private static void copy(ByteBuffer from, ByteBuffer to) {
        to.clear();
        to.put(from.duplicate().clear());
    }

    /** Frees a direct buffer now rather than at some later GC (sun.misc.Unsafe, module jdk.unsupported). */
    private static void free(ByteBuffer buffer) {
        try {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            ((sun.misc.Unsafe) f.get(null)).invokeCleaner(buffer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Left to the garbage collector: the peak-memory figure may then include these buffers.
        }
    }
}
