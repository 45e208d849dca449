package dev.infbench.backend;

/**
 * Whether a backend can run a cell here, decided before anything runs.
 *
 * @param supported true when the cell can run
 * @param reason    one line saying why not, e.g. {@code bf16 on onnxruntime/cpu: no CPU kernels}; null when supported
 */
public record Capability(boolean supported, String reason) {
    private static final Capability YES = new Capability(true, null);

    public static Capability yes() {
        return YES;
    }

    public static Capability unsupported(String reason) {
        return new Capability(false, reason);
    }
}
