package dev.infbench.model;

/**
 * A model file the suite refuses to load, with one line saying why: external data that leaves the model's folder or
 * does not fit its file, a marker that would make ONNX Runtime read process memory.
 */
public final class UnsafeModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsafeModelException(String message) {
        super(message);
    }
}
