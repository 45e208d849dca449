package dev.infbench.launcher;

/** This machine cannot run the sweep as it is set up (its loopback interface is down, ...); nothing was started. */
final class CannotRunException extends Exception {
    private static final long serialVersionUID = 1L;

    CannotRunException(String message) {
        super(message);
    }
}
