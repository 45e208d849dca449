package dev.infbench.backend.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnx.proto.OnnxMl;
import dev.infbench.backend.BackendSession;
import dev.infbench.backend.SessionBase;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Layout;
import dev.infbench.config.Precision;
import dev.infbench.env.CpuBudget;
import dev.infbench.model.DType;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelVariant;
import dev.infbench.model.image.Architecture;
import dev.infbench.model.image.ImageModels;
import dev.infbench.model.image.OnnxExport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image network on libtorch through DJL: the DJL blocks of its {@link Architecture}, loaded with the weights of
 * the model's ONNX file (so that ONNX Runtime and PyTorch compute the same function), then cast to fp16 and/or laid
 * out channels-last in place when the cell asks.
 *
 * <p>Channels-last: the input is made NHWC and viewed through {@code transpose(0, 3, 1, 2)} (NCHW shape,
 * channels-last strides, no copy), and every 4-D weight is replaced by a channels-last copy, so libtorch picks its
 * channels-last convolution kernels. Inputs are prepared in {@link #bind}, outside the timed call.
 */
final class PyTorchSession extends SessionBase {
    /** Test option {@code abort:bf16}: makes a bf16 tensor, which aborts the JVM (to test that a dying fork is a FAILED row). */
    static final String ABORT_OPTION = "abort";

    private final NDManager manager;
    private final DjlNetwork net;
    private final boolean fp16;
    private final boolean nhwc;
    private NDManager inputScope;
    private NDArray input;
    private long[] inputShape;

    private PyTorchSession(NDManager manager, DjlNetwork net, boolean fp16, boolean nhwc, Map<String, Object> effective,
            List<String> mismatches) {
        super(effective, mismatches);
        this.manager = manager;
        this.net = net;
        this.fp16 = fp16;
        this.nhwc = nhwc;
    }

    static BackendSession open(CellConfig cell, ModelVariant variant) throws Exception {
        if (variant.file() != null && ModelCatalog.isTorchScript(variant.file().toString())) {
            return TorchScriptSession.open(cell, variant);
        }
        Architecture arch = ImageModels.architecture(variant.model()).orElseThrow(() -> new IllegalStateException(
                "pytorch: no DJL architecture for " + variant.model()));
        int threads = cell.threads() == 0 ? CpuBudget.cores() : cell.threads();
        boolean fresh = startEngine(cell, threads);
        byte[] bytes = variant.load();
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        DjlNetwork net = DjlNetwork.build(arch, OnnxExport.weightsOf(OnnxMl.ModelProto.parseFrom(bytes)), manager);
        boolean fp16 = cell.precision() == Precision.FP16;
        boolean nhwc = cell.layout() == Layout.NHWC;
        for (Parameter p : net.parameters().values()) {
            NDArray a = p.getArray();
            NDArray changed = a;
            if (nhwc && a.getShape().dimension() == 4) {
                // A contiguous OHWI copy viewed back as OIHW: channels-last strides.
                Shape s = a.getShape();
                changed = a.transpose(0, 2, 3, 1).reshape(s.get(0), s.get(2), s.get(3), s.get(1))
                        .transpose(0, 3, 1, 2);
            }
            if (fp16) {
                changed = changed.toType(DataType.FLOAT16, false);
            }
            if (changed != a) {
                a.intern(changed);
            }
        }

        Map<String, Object> eff = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        engineSettings(cell, threads, fresh, eff, mismatches);
        eff.put("layout", nhwc ? "nhwc: input and 4-D weights channels-last (NCHW view of NHWC memory)" : "nchw");
        eff.put("precision_computed", fp16 ? "fp16: every parameter and the input cast to float16; libtorch's CPU"
                + " kernels compute in fp16 (slowly)" : "fp32");
        eff.put("model_variant", variant.description() + "; DJL blocks loaded with the ONNX file's weights");
        eff.put("model_location", variant.location());
        eff.put("model_bytes", bytes.length);
        eff.put("model_sha256", ModelVariant.sha256(bytes));

        return new PyTorchSession(manager, net, fp16, nhwc, eff, mismatches);
    }

    /** Starts libtorch with the cell's threads (once per JVM); true when this call started it. */
    static boolean startEngine(CellConfig cell, int threads) {
        boolean fresh = !TorchEngine.started();
        TorchEngine.start(threads, cell.interop());
        if ("bf16".equals(cell.optionMap().get(ABORT_OPTION))) {
            // Deliberately what must never be done: DJL has no bf16 mapping for libtorch and the process aborts.
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                m.zeros(new Shape(2, 2), DataType.FLOAT32).toType(DataType.BFLOAT16, false).toFloatArray();
            }
        }
        return fresh;
    }

    /** The engine's settings as libtorch reports them, and any that differ from what the cell asked. */
    static void engineSettings(CellConfig cell, int threads, boolean fresh, Map<String, Object> eff,
            List<String> mismatches) {
        eff.put("backend", "pytorch " + TorchEngine.version() + " through DJL " + ai.djl.engine.Engine.getDjlVersion());
        eff.put("device", "cpu");
        int intra = TorchEngine.threads();
        int inter = TorchEngine.interopThreads();
        eff.put("intra_op_threads", intra);
        eff.put("intra_op_threads_source", cell.threads() == 0
                ? "threads=0 resolved to this process's CPU budget " + CpuBudget.probe().toMap() : "as asked");
        eff.put("inter_op_threads", inter);
        eff.put("grad_mode", JniUtils.isGradMode());
        if (intra != threads) {
            mismatches.add("threads=" + cell.threads() + " asked (" + threads + " intra-op threads), libtorch uses "
                    + intra + (fresh ? "" : " (the engine was started earlier in this JVM with "
                    + TorchEngine.askedThreads() + ")"));
        }
        if (inter != cell.interop()) {
            mismatches.add("interop=" + cell.interop() + " asked, libtorch uses " + inter + " inter-op threads"
                    + (fresh ? "" : " (set once per process; the engine was started earlier in this JVM)"));
        }
        if (cell.threads() > CpuBudget.cores()) {
            eff.put("oversubscribed", "threads=" + cell.threads() + " on " + CpuBudget.cores() + " usable cores");
        }
    }

    @Override
    public void bind(InputBatch batch) {
        HostTensor image = batch.tensors().get(OnnxExport.INPUT);
        if (image == null || image.dtype() != DType.FLOAT32 || image.shape().length != 4) {
            throw new IllegalArgumentException("pytorch: expected input " + OnnxExport.INPUT
                    + " float32 [N, C, H, W]; inputs made: " + batch.describe());
        }
        closeInput();
        inputScope = manager.newSubManager();
        NDArray x;
        if (nhwc) {
            HostTensor last = image.toChannelsLast();
            x = inputScope.create(last.data().asFloatBuffer(), new Shape(last.shape())).transpose(0, 3, 1, 2);
        } else {
            x = inputScope.create(image.data().asFloatBuffer(), new Shape(image.shape()));
        }
        input = fp16 ? x.toType(DataType.FLOAT16, false) : x;
        inputShape = image.shape();
        setting("inputs", batch.describe());
    }

    @Override
    public Object run() {
        return forward().length;
    }

    /** One call: the forward pass and the copy of its output to host memory, every intermediate freed after. */
    private float[] forward() {
        if (input == null) {
            throw new IllegalStateException("pytorch: run() before bind()");
        }
        try (NDManager call = manager.newSubManager()) {
            input.tempAttach(call);
            NDArray out = net.forward(input, false);
            NDArray host = out.getDataType() == DataType.FLOAT32 ? out : out.toType(DataType.FLOAT32, false);
            return host.toFloatArray();
        }
    }

    @Override
    public List<HostTensor> outputs() {
        float[] logits = forward();
        long rows = inputShape[0];
        return List.of(HostTensor.ofFloats(OnnxExport.OUTPUT, new long[] {rows, logits.length / rows}, logits));
    }

    private void closeInput() {
        if (inputScope != null) {
            inputScope.close();
            inputScope = null;
            input = null;
        }
    }

    @Override
    public void close() {
        closeInput();
        manager.close();
    }
}
