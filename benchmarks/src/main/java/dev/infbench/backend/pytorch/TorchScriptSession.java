package dev.infbench.backend.pytorch;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.infbench.backend.SessionBase;
import dev.infbench.config.CellConfig;
import dev.infbench.env.CpuBudget;
import dev.infbench.model.DType;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelVariant;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's TorchScript file on libtorch through DJL, run as saved (fp32). Its inputs are float32 tensors in the
 * order {@code -p shape} names them; its outputs are the tensors {@code forward} returns, named {@code output0...}.
 */
final class TorchScriptSession extends SessionBase {
    private final Model model;
    private final NDManager manager;
    private final ParameterStore store;
    private NDManager inputScope;
    private NDList inputs;

    private TorchScriptSession(Model model, Map<String, Object> effective, List<String> mismatches) {
        super(effective, mismatches);
        this.model = model;
        this.manager = model.getNDManager();
        this.store = new ParameterStore(manager, false);
    }

    static TorchScriptSession open(CellConfig cell, ModelVariant variant) throws Exception {
        int threads = cell.threads() == 0 ? CpuBudget.cores() : cell.threads();
        boolean fresh = PyTorchSession.startEngine(cell, threads);
        Model model = Model.newInstance(variant.file().getFileName().toString(), Device.cpu(), "PyTorch");
        model.load(variant.file());
        Map<String, Object> eff = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        PyTorchSession.engineSettings(cell, threads, fresh, eff, mismatches);
        byte[] bytes = Files.readAllBytes(variant.file());
        eff.put("layout", "as saved (the suite does not change a TorchScript file's memory format)");
        eff.put("precision_computed", "as saved in the file (fp32 expected)");
        eff.put("model_variant", variant.description());
        eff.put("model_location", variant.location());
        eff.put("model_bytes", bytes.length);
        eff.put("model_sha256", ModelVariant.sha256(bytes));
        return new TorchScriptSession(model, eff, mismatches);
    }

    @Override
    public void bind(InputBatch batch) {
        closeInputs();
        inputScope = manager.newSubManager();
        inputs = new NDList();
        for (HostTensor t : batch.tensors().values()) {
            if (t.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("pytorch: TorchScript inputs are float32; got " + t.describe());
            }
            inputs.add(inputScope.create(t.data().asFloatBuffer(), new Shape(t.shape())));
        }
        setting("inputs", batch.describe());
    }

    @Override
    public Object run() {
        return call(false).size();
    }

    /** One call: forward and every output copied to host memory, intermediates freed after. */
    private List<HostTensor> call(boolean keep) {
        if (inputs == null) {
            throw new IllegalStateException("pytorch: run() before bind()");
        }
        List<HostTensor> out = new ArrayList<>();
        try (NDManager call = manager.newSubManager()) {
            inputs.forEach(x -> x.tempAttach(call));
            NDList results = model.getBlock().forward(store, inputs, false);
            for (int i = 0; i < results.size(); i++) {
                NDArray r = results.get(i);
                NDArray f = r.getDataType() == DataType.FLOAT32 ? r : r.toType(DataType.FLOAT32, false);
                float[] values = f.toFloatArray();
                if (keep) {
                    out.add(HostTensor.ofFloats("output" + i, r.getShape().getShape(), values));
                } else {
                    out.add(null);
                }
            }
        }
        return out;
    }

    @Override
    public List<HostTensor> outputs() {
        return call(true);
    }

    private void closeInputs() {
        if (inputScope != null) {
            inputScope.close();
            inputScope = null;
            inputs = null;
        }
    }

    @Override
    public void close() {
        closeInputs();
        model.close();
    }
}
