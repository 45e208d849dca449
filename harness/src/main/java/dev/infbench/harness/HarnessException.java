package dev.infbench.harness;

/**
 * A problem with the harness's input (a missing run folder, a malformed journal, an unreadable JMH result).
 *
 * <p>The message is always one line that names the file (and line, where there is one), because the command line
 * prints it as is, without a stack trace.
 */
public class HarnessException extends dev.infbench.format.FormatException {

    private static final long serialVersionUID = 1L;

    public HarnessException(String message) {
        super(message);
    }

    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
