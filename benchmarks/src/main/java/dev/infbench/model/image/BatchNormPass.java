package dev.infbench.model.image;

import java.util.ServiceLoader;

/**
 * What generating an image network needs of a backend: one training-mode pass of the network over a batch of
 * images, so that every BatchNorm's running mean and variance become what it saw (the layers then normalize, and
 * outputs depend on the input, unlike plain random weights). The model layer knows no backend; the PyTorch backend
 * provides this as a {@link ServiceLoader} service. It loads native code: generation runs where native code may
 * run (a child JVM or a fork, never the launcher).
 */
public interface BatchNormPass {

    /**
     * {@code weights} with every BatchNorm's statistics taken from {@code images} ({@code count} images of the
     * architecture's shape, NCHW).
     */
    Weights calibrate(Architecture arch, Weights weights, float[] images, int count);

    /** The provider on the class path. */
    static BatchNormPass installed() {
        return ServiceLoader.load(BatchNormPass.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no backend on the class path provides " + BatchNormPass.class.getName() + " (META-INF/services)"));
    }
}
