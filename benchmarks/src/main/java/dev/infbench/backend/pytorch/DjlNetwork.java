package dev.infbench.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import dev.infbench.model.image.Architecture;
import dev.infbench.model.image.Layer;
import dev.infbench.model.image.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Architecture} built as DJL blocks (run by DJL's PyTorch engine) and loaded with {@link Weights}. Each
 * weight is bound by name to the DJL parameter that holds it ({@code conv1.weight} → the Conv2d's {@code weight},
 * {@code bn1.mean} → the BatchNorm's {@code runningMean}...).
 */
public final class DjlNetwork {
    private final Block block;
    private final Map<String, Parameter> parameters;
    private final ParameterStore store;

    private DjlNetwork(Block block, Map<String, Parameter> parameters, NDManager manager) {
        this.block = block;
        this.parameters = parameters;
        this.store = new ParameterStore(manager, false);
    }

    /** Builds the blocks, initializes them for one image and sets every parameter from {@code weights}. */
    public static DjlNetwork build(Architecture arch, Weights weights, NDManager manager) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        List<Runnable> bind = new ArrayList<>();
        SequentialBlock block = sequence(arch.layers(), parameters, bind);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, arch.channels(), arch.height(), arch.width()));
        bind.forEach(Runnable::run);
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            Weights.Tensor t = weights.get(p.getKey());
            NDArray array = p.getValue().getArray();
            if (!array.getShape().equals(new Shape(t.shape()))) {
                throw new IllegalStateException(p.getKey() + ": DJL shape " + array.getShape() + ", weights "
                        + new Shape(t.shape()));
            }
            array.set(t.data());
            array.setRequiresGradient(false);
        }
        if (parameters.size() != weights.tensors().size()) {
            throw new IllegalStateException(arch.name() + ": " + parameters.size() + " DJL parameters for "
                    + weights.tensors().size() + " weights");
        }
        return new DjlNetwork(block, parameters, manager);
    }

    /** Runs the network; {@code training} normalizes with the batch's statistics and records them (calibration). */
    public NDArray forward(NDArray images, boolean training) {
        return block.forward(store, new NDList(images), training).singletonOrThrow();
    }

    /** The parameters as they are now (after calibration, the running statistics it recorded). */
    public Weights read() {
        Weights w = Weights.empty();
        parameters.forEach((name, p) -> {
            NDArray a = p.getArray().toType(DataType.FLOAT32, false);
            w.put(name, a.getShape().getShape(), a.toFloatArray());
        });
        return w;
    }

    /** Every parameter array by weight name, for in-place changes (precision, memory layout). */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    private static SequentialBlock sequence(List<Layer> layers, Map<String, Parameter> parameters,
            List<Runnable> bind) {
        SequentialBlock seq = new SequentialBlock();
        for (Layer layer : layers) {
            seq.add(block(layer, parameters, bind));
        }
        return seq;
    }

    private static Block block(Layer layer, Map<String, Parameter> parameters, List<Runnable> bind) {
        if (layer instanceof Layer.Conv c) {
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(c.kernel(), c.kernel())).setFilters(c.out())
                    .optStride(new Shape(c.stride(), c.stride())).optPadding(new Shape(c.pad(), c.pad()))
                    .optGroups(c.groups()).optBias(c.bias()).build();
            bind.add(() -> {
                parameters.put(c.name() + ".weight", conv.getParameters().get("weight"));
                if (c.bias()) {
                    parameters.put(c.name() + ".bias", conv.getParameters().get("bias"));
                }
            });
            return conv;
        }
        if (layer instanceof Layer.BatchNorm bn) {
            // Momentum 0: a training-mode pass sets the running statistics to that batch's (see ImageModels).
            BatchNorm norm = BatchNorm.builder().optMomentum(0f).optEpsilon(Layer.BatchNorm.EPSILON).build();
            bind.add(() -> {
                parameters.put(bn.name() + ".weight", norm.getParameters().get("gamma"));
                parameters.put(bn.name() + ".bias", norm.getParameters().get("beta"));
                parameters.put(bn.name() + ".mean", norm.getParameters().get("runningMean"));
                parameters.put(bn.name() + ".var", norm.getParameters().get("runningVar"));
            });
            return norm;
        }
        if (layer instanceof Layer.Relu) {
            return Activation.reluBlock();
        }
        if (layer instanceof Layer.Relu6) {
            return new LambdaBlock(x -> new NDList(x.singletonOrThrow().clip(0, 6)), "relu6");
        }
        if (layer instanceof Layer.Residual r) {
            Block branch = sequence(r.branch(), parameters, bind);
            Block shortcut = r.shortcut().isEmpty() ? Blocks.identityBlock() : sequence(r.shortcut(), parameters, bind);
            return new ParallelBlock(outs -> new NDList(outs.get(0).singletonOrThrow()
                    .add(outs.get(1).singletonOrThrow())), List.of(branch, shortcut));
        }
        if (layer instanceof Layer.MaxPool p) {
            return Pool.maxPool2dBlock(new Shape(p.kernel(), p.kernel()), new Shape(p.stride(), p.stride()),
                    new Shape(p.pad(), p.pad()));
        }
        if (layer instanceof Layer.GlobalAvgPool) {
            return new SequentialBlock().add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        }
        if (layer instanceof Layer.Dense d) {
            Linear linear = Linear.builder().setUnits(d.out()).optBias(true).build();
            bind.add(() -> {
                parameters.put(d.name() + ".weight", linear.getParameters().get("weight"));
                parameters.put(d.name() + ".bias", linear.getParameters().get("bias"));
            });
            return linear;
        }
        throw new IllegalStateException("no DJL form for " + layer);
    }
}
