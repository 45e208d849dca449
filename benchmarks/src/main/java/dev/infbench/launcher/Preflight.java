package dev.infbench.launcher;

import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Layout;
import dev.infbench.config.UsageException;
import dev.infbench.env.FileErrors;
import dev.infbench.model.ModelCache;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelVariant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * What the machine must offer before the first cell starts, checked up front so that a sweep that cannot run says
 * why in one line instead of turning every cell into the same FAILED row.
 */
final class Preflight {
    /** How long a connection over the loopback interface may take before it counts as not working. */
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private Preflight() {
    }

    static void check(Plan plan) throws UsageException, CannotRunException {
        loopback();
        if (plan.toRun().stream().anyMatch(c -> needsCache(c.config()))) {
            cache();
        }
    }

    /** The model cache can be written, for the files generated into it. */
    static void cache() throws UsageException {
        try {
            ModelCache.requireWritable();
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage() + " (nothing was run)");
        }
    }

    /**
     * JMH talks to its forked JVMs over a socket on the loopback interface ({@code jmh.link.address} when set): with
     * it down, every fork dies with "Network is unreachable".
     */
    static void loopback() throws CannotRunException {
        String configured = System.getProperty("jmh.link.address");
        InetAddress address;
        try {
            address = configured != null ? InetAddress.getByName(configured) : InetAddress.getLoopbackAddress();
        } catch (IOException e) {
            throw new CannotRunException("jmh.link.address=" + configured + " does not resolve (" + e.getMessage()
                    + "); JMH talks to its forked JVMs at that address (nothing was run)");
        }
        try (ServerSocket server = new ServerSocket(0, 1, address); Socket client = new Socket()) {
            client.connect(new InetSocketAddress(address, server.getLocalPort()), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new CannotRunException("JMH talks to its forked JVMs over the loopback interface, and a connection"
                    + " to " + address.getHostAddress() + " failed here (" + FileErrors.reason(e) + "): bring the"
                    + " loopback interface up (e.g. `ip link set lo up`, or run outside the network namespace that"
                    + " has it down), then run again (nothing was run)");
        }
    }

    /** True when the cell's model file is generated here and kept in the model cache. */
    private static boolean needsCache(CellConfig cell) {
        if (cell.layout() == Layout.NHWC) {
            return true;
        }
        try {
            ModelVariant v = Backends.get(cell.backend()).variantFor(cell, ModelCatalog.get(cell.model()));
            return v.resource() == null && v.file() == null;
        } catch (RuntimeException e) {
            return false; // the cell's own fork reports it
        }
    }
}
