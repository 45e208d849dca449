package dev.infbench.launcher;

/**
 * Another run holds what this one needs (the host, or the run folder): nothing was started. The launcher exits with
 * its own status for it ({@link Launcher#BUSY}), so a nightly job can tell "busy, try later" from "broken".
 */
final class BusyException extends Exception {
    private static final long serialVersionUID = 1L;

    BusyException(String message) {
        super(message);
    }
}
