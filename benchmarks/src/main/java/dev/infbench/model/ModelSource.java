package dev.infbench.model;

/** Makes a model file from nothing but code and a seed (e.g. an image network with seeded weights). */
public interface ModelSource {

    /** Identifies what is generated and how; the cache key. Change it whenever the output would change. */
    String id();

    /** One line for reports. */
    String description();

    /** The ONNX model file's bytes. Slow (seconds); cached by {@link ModelCache}. */
    byte[] generate();
}
