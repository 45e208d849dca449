package dev.infbench.model.image;

import java.util.List;

/**
 * One layer of an image network, described once and built twice from the same weights: as DJL blocks (for the
 * PyTorch backend) and as an ONNX graph (for ONNX Runtime). Only what ResNet, MobileNetV2 and the small test network
 * need. Every weighted layer has a unique {@code name}: its parameters are {@code name.weight}, {@code name.bias},
 * {@code name.mean}, {@code name.var} in both forms.
 */
public sealed interface Layer {

    /** 2-D convolution, square kernel, OIHW weights ({@code in / groups} input channels per group). */
    record Conv(String name, int out, int kernel, int stride, int pad, int groups, boolean bias) implements Layer {
    }

    /** Batch normalization over channels with running statistics (inference form), epsilon {@value #EPSILON}. */
    record BatchNorm(String name) implements Layer {
        public static final float EPSILON = 1e-5f;
    }

    /** max(x, 0). */
    record Relu() implements Layer {
    }

    /** min(max(x, 0), 6). */
    record Relu6() implements Layer {
    }

    /** {@code branch(x) + shortcut(x)}; an empty shortcut is the identity. */
    record Residual(List<Layer> branch, List<Layer> shortcut) implements Layer {
        public Residual {
            branch = List.copyOf(branch);
            shortcut = List.copyOf(shortcut);
        }
    }

    /** Max pooling, square window. */
    record MaxPool(int kernel, int stride, int pad) implements Layer {
    }

    /** Mean over height and width, then flattened to [batch, channels]. */
    record GlobalAvgPool() implements Layer {
    }

    /** Fully connected: [batch, in] to [batch, out], weights (out, in). */
    record Dense(String name, int out) implements Layer {
    }
}
