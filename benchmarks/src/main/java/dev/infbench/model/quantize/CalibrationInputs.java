package dev.infbench.model.quantize;

import dev.infbench.config.ParameterDefaults;
import dev.infbench.model.InputBatch;
import dev.infbench.model.InputFactory;
import dev.infbench.model.InputPlanException;
import dev.infbench.model.InputSpec;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelInputs;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.SyntheticImages;
import dev.infbench.model.TextInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs a static quantization is calibrated on: {@code samples} single-sample batches of the model, made as
 * the timed inputs are (bundled timing sentences for text models, synthetic images, seeded values) but from their own
 * seed, so they are neither the accuracy gate's inputs nor the timed ones.
 *
 * @param model   the catalog name or file path of the model
 * @param shape   the {@code -p shape} value the inputs are planned with ({@code none} for the graph's own shapes)
 * @param samples how many inputs
 * @param seed    first seed; sample i uses seed + i
 */
record CalibrationInputs(String model, String shape, int samples, long seed) {
    /** The calibration seed: differs from the timing seed and from the accuracy gate's. */
    static final long SEED = 104_729L;
    static final int SAMPLES = 32;

    static CalibrationInputs of(String model) {
        return new CalibrationInputs(model, ParameterDefaults.SHAPE, SAMPLES, SEED);
    }

    /** Everything that decides the inputs: part of the variant's cache key. */
    String id() {
        return "calib=minmax samples=" + samples + " seed=" + seed + " shape=" + shape + " seq=" + seq()
                + " images=v" + SyntheticImages.VERSION;
    }

    /** Text models are calibrated at the default sequence length, capped by what the model accepts. */
    private int seq() {
        int seq = Integer.parseInt(ParameterDefaults.SEQ);
        int max = ModelCatalog.get(model).maxSeq();
        return max > 0 ? Math.min(seq, max) : seq;
    }

    List<InputBatch> make() {
        ModelSpec spec = ModelCatalog.get(model);
        List<InputSpec> specs;
        try {
            specs = ModelInputs.plan(spec, 1, seq(), shape);
        } catch (InputPlanException e) {
            throw new IllegalStateException("cannot make calibration inputs for " + model + ": " + e.getMessage(), e);
        }
        List<InputBatch> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            out.add(InputFactory.make(spec, specs, TextInputs.draw(1, seed + i), seed + i).batch());
        }
        return out;
    }
}
