package dev.infbench.backend.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.infbench.env.CpuBudget;
import dev.infbench.model.image.Architecture;
import dev.infbench.model.image.BatchNormPass;
import dev.infbench.model.image.Weights;

/**
 * The BatchNorm statistics pass of an image network, on the DJL blocks it is built as (see {@link DjlNetwork}):
 * momentum 0, so each running mean and variance is exactly the batch's.
 */
public final class DjlBatchNormPass implements BatchNormPass {

    @Override
    public Weights calibrate(Architecture arch, Weights weights, float[] images, int count) {
        TorchEngine.start(Math.max(1, CpuBudget.cores()), 1);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DjlNetwork net = DjlNetwork.build(arch, weights, manager);
            NDArray batch = manager.create(images, new Shape(count, arch.channels(), arch.height(), arch.width()));
            net.forward(batch, true);
            return net.read();
        }
    }
}
