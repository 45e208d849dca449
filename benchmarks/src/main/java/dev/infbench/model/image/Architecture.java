package dev.infbench.model.image;

import java.util.ArrayList;
import java.util.List;

/**
 * An image classification network: its layers and the image it takes ({@code channels × height × width}, float32,
 * batch first).
 *
 * @param name        the {@code -p model=} value
 * @param description what it is, honestly (layout it follows; random weights)
 * @param channels    input channels
 * @param height      input height
 * @param width       input width
 * @param layers      the layers, in order
 */
public record Architecture(String name, String description, int channels, int height, int width,
                           List<Layer> layers) {

    public Architecture {
        layers = List.copyOf(layers);
    }

    /** A text that changes whenever the architecture does: part of the generated model's cache key. */
    public String fingerprint() {
        return name + " " + channels + "x" + height + "x" + width + " " + layers;
    }

    /** ResNet-50 in torchvision's layout (v1.5: the stride on the 3×3 convolution), 1000 classes. */
    public static Architecture resnet50() {
        List<Layer> layers = new ArrayList<>(List.of(
                new Layer.Conv("stem.conv", 64, 7, 2, 3, 1, false), new Layer.BatchNorm("stem.bn"), new Layer.Relu(),
                new Layer.MaxPool(3, 2, 1)));
        int[] blocks = {3, 4, 6, 3};
        int in = 64;
        for (int stage = 0; stage < blocks.length; stage++) {
            int width = 64 << stage;
            int out = width * 4;
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                String p = "layer" + (stage + 1) + "." + b + ".";
                List<Layer> branch = List.of(
                        new Layer.Conv(p + "conv1", width, 1, 1, 0, 1, false), new Layer.BatchNorm(p + "bn1"),
                        new Layer.Relu(),
                        new Layer.Conv(p + "conv2", width, 3, stride, 1, 1, false), new Layer.BatchNorm(p + "bn2"),
                        new Layer.Relu(),
                        new Layer.Conv(p + "conv3", out, 1, 1, 0, 1, false), new Layer.BatchNorm(p + "bn3"));
                List<Layer> shortcut = b == 0 ? List.of(new Layer.Conv(p + "down.conv", out, 1, stride, 0, 1, false),
                        new Layer.BatchNorm(p + "down.bn")) : List.of();
                layers.add(new Layer.Residual(branch, shortcut));
                layers.add(new Layer.Relu());
                in = out;
            }
        }
        layers.add(new Layer.GlobalAvgPool());
        layers.add(new Layer.Dense("fc", 1000));
        return new Architecture("resnet50", "ResNet-50 (torchvision layout, 25.6M parameters) with seeded random"
                + " weights and BatchNorm statistics taken from seeded images: not a trained model", 3, 224, 224,
                layers);
    }

    /** MobileNetV2 (width 1.0) in torchvision's layout, 1000 classes. */
    public static Architecture mobilenetv2() {
        List<Layer> layers = new ArrayList<>(List.of(
                new Layer.Conv("stem.conv", 32, 3, 2, 1, 1, false), new Layer.BatchNorm("stem.bn"), new Layer.Relu6()));
        // expansion t, channels c, repeats n, first stride s
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
            {6, 160, 3, 2}, {6, 320, 1, 1}};
        int in = 32;
        int index = 0;
        for (int[] s : settings) {
            for (int r = 0; r < s[2]; r++) {
                int stride = r == 0 ? s[3] : 1;
                int hidden = in * s[0];
                String p = "block" + index++ + ".";
                List<Layer> branch = new ArrayList<>();
                if (s[0] != 1) {
                    branch.addAll(List.of(new Layer.Conv(p + "expand", hidden, 1, 1, 0, 1, false),
                            new Layer.BatchNorm(p + "expand.bn"), new Layer.Relu6()));
                }
                branch.addAll(List.of(new Layer.Conv(p + "dw", hidden, 3, stride, 1, hidden, false),
                        new Layer.BatchNorm(p + "dw.bn"), new Layer.Relu6(),
                        new Layer.Conv(p + "project", s[1], 1, 1, 0, 1, false), new Layer.BatchNorm(p + "project.bn")));
                if (stride == 1 && in == s[1]) {
                    layers.add(new Layer.Residual(branch, List.of()));
                } else {
                    layers.addAll(branch);
                }
                in = s[1];
            }
        }
        layers.addAll(List.of(new Layer.Conv("head.conv", 1280, 1, 1, 0, 1, false), new Layer.BatchNorm("head.bn"),
                new Layer.Relu6(), new Layer.GlobalAvgPool(), new Layer.Dense("classifier", 1000)));
        return new Architecture("mobilenetv2", "MobileNetV2 1.0 (torchvision layout, 3.5M parameters) with seeded"
                + " random weights and BatchNorm statistics taken from seeded images: not a trained model", 3, 224,
                224, layers);
    }

    /** A small residual CNN on 3×64×64 images, 10 classes: for fast tests. */
    public static Architecture smallcnn() {
        return new Architecture("smallcnn", "small residual CNN (4 convolutions, 3x64x64 in, 10 classes) with seeded"
                + " random weights: for tests", 3, 64, 64, List.of(
                new Layer.Conv("conv1", 16, 3, 1, 1, 1, true), new Layer.BatchNorm("bn1"), new Layer.Relu(),
                new Layer.Conv("conv2", 32, 3, 2, 1, 1, false), new Layer.BatchNorm("bn2"), new Layer.Relu(),
                new Layer.Residual(List.of(
                        new Layer.Conv("res.conv1", 32, 3, 1, 1, 1, false), new Layer.BatchNorm("res.bn1"),
                        new Layer.Relu(),
                        new Layer.Conv("res.conv2", 32, 3, 1, 1, 32, false), new Layer.BatchNorm("res.bn2")),
                        List.of()),
                new Layer.Relu6(), new Layer.MaxPool(2, 2, 0), new Layer.GlobalAvgPool(), new Layer.Dense("fc", 10)));
    }
}
