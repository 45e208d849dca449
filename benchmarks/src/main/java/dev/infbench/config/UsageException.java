package dev.infbench.config;

/** Bad input from the user: reported as one line and exit status 2, never as a stack trace. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
