package dev.infbench.model.image;

import static dev.infbench.model.image.BackendAgreement.centred;
import static dev.infbench.model.image.BackendAgreement.relativeError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelVariant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small CNN as ONNX Runtime and as DJL/PyTorch run it: one function, whatever the layout. */
class SmallCnnAgreementTest {

    @Test
    void bothBackendsComputeTheSameFunctionAndTheControlDoesNot() throws Exception {
        Architecture arch = Architecture.smallcnn();
        ModelVariant fp32 = ModelCatalog.get("smallcnn").reference();
        List<InputBatch> inputs = BackendAgreement.images(arch, 4, 4, 99);

        double[][] ort = BackendAgreement.run(BackendAgreement.cell("smallcnn", "onnxruntime", "nchw", "fp32", 4), fp32,
                inputs);
        double[][] torch = BackendAgreement.run(BackendAgreement.cell("smallcnn", "pytorch", "nchw", "fp32", 4), fp32,
                inputs);
        double[][] ortNhwc = BackendAgreement.run(BackendAgreement.cell("smallcnn", "onnxruntime", "nhwc", "fp32", 4),
                fp32, inputs);
        double[][] torchNhwc = BackendAgreement.run(BackendAgreement.cell("smallcnn", "pytorch", "nhwc", "fp32", 4),
                fp32, inputs);

        assertThat(relativeError(centred(ort), centred(torch))).isLessThan(1e-4);
        assertThat(relativeError(ort, ortNhwc)).isLessThan(1e-5);
        assertThat(relativeError(torch, torchNhwc)).isLessThan(1e-5);

        // Negative control: the same network with other weights must fail the same check.
        ModelVariant other = ModelVariant.synthesized("smallcnn", "fp32",
                ImageModels.source(arch, ImageModels.SEED + 7));
        double[][] otherTorch = BackendAgreement.run(BackendAgreement.cell("smallcnn", "pytorch", "nchw", "fp32", 4),
                other, inputs);
        assertThat(relativeError(centred(ort), centred(otherTorch))).isGreaterThan(1e-1);
    }
}
