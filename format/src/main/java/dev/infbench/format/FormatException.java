package dev.infbench.format;

/**
 * A run folder's file that cannot be read as its format says: missing, malformed, or written by a newer suite. The
 * message is one line naming the file (and line, where there is one): command lines print it as it is.
 */
public class FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
