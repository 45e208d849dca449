package dev.infbench.model.image;

import static dev.infbench.model.image.BackendAgreement.centred;
import static dev.infbench.model.image.BackendAgreement.relativeError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelVariant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ResNet-50 and MobileNetV2 as ONNX Runtime and DJL/PyTorch run them, generated from one weight source: their centred
 * outputs agree within 1e-4 relative error (‖a − b‖ / ‖a‖ over all samples and classes), channels-last equals NCHW within 1e-5 on both backends, and
 * the same network with other weights fails the agreement check. About half a minute on 2 cores.
 */
class ImageNetworksAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet50", "mobilenetv2"})
    void bothBackendsComputeTheSameFunction(String model) throws Exception {
        Architecture arch = ImageModels.architecture(model).orElseThrow();
        ModelVariant fp32 = ModelCatalog.get(model).reference();
        List<InputBatch> inputs = BackendAgreement.images(arch, 4, 2, 1234);

        double[][] ort = BackendAgreement.run(BackendAgreement.cell(model, "onnxruntime", "nchw", "fp32", 2), fp32,
                inputs);
        double[][] torch = BackendAgreement.run(BackendAgreement.cell(model, "pytorch", "nchw", "fp32", 2), fp32,
                inputs);
        double[][] ortNhwc = BackendAgreement.run(BackendAgreement.cell(model, "onnxruntime", "nhwc", "fp32", 2), fp32,
                inputs);
        double[][] torchNhwc = BackendAgreement.run(BackendAgreement.cell(model, "pytorch", "nhwc", "fp32", 2), fp32,
                inputs);

        double agreement = relativeError(centred(ort), centred(torch));
        assertThat(agreement).as("%s: ONNX Runtime against PyTorch, centred", model).isLessThan(1e-4);
        assertThat(relativeError(ort, ortNhwc)).as("%s: ONNX Runtime nhwc against nchw", model).isLessThan(1e-5);
        assertThat(relativeError(torch, torchNhwc)).as("%s: PyTorch nhwc against nchw", model).isLessThan(1e-5);
        // The outputs depend on the input: centred outputs are not all ~0 next to the raw ones.
        assertThat(maxAbs(centred(ort))).as("%s: outputs vary with the input", model)
                .isGreaterThan(0.05 * maxAbs(ort));

        // Negative control: other weights (another seed) must fail the very same check.
        ModelVariant other = ModelVariant.synthesized(model, "fp32", ImageModels.source(arch, ImageModels.SEED + 7));
        double[][] otherTorch = BackendAgreement.run(BackendAgreement.cell(model, "pytorch", "nchw", "fp32", 2), other,
                inputs);
        assertThat(relativeError(centred(ort), centred(otherTorch))).as("%s: control", model).isGreaterThan(1e-1);
        System.out.printf("%s: centred relative error ONNX Runtime vs PyTorch %.2e (worst element %.2e of the largest);"
                + " nhwc vs nchw: ONNX Runtime %.2e, PyTorch %.2e; control %.2f%n", model, agreement,
                BackendAgreement.worstError(centred(ort), centred(torch)), relativeError(ort, ortNhwc),
                relativeError(torch, torchNhwc), relativeError(centred(ort), centred(otherTorch)));
    }

    private static double maxAbs(double[][] rows) {
        double m = 0;
        for (double[] r : rows) {
            for (double v : r) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
