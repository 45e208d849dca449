package dev.infbench.backend.onnxruntime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.infbench.model.DType;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import java.util.LinkedHashMap;
import java.util.Map;

/** ONNX Runtime input tensors made from host tensors, for the sessions the suite runs outside the timed cells. */
public final class OrtFeed implements AutoCloseable {
    private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();

    private OrtFeed() {
    }

    /** One tensor for each input the session takes, from the batch; fails naming an input the batch lacks. */
    public static OrtFeed of(OrtEnvironment env, OrtSession session, InputBatch batch, String purpose)
            throws OrtException {
        OrtFeed feed = new OrtFeed();
        try {
            for (String name : session.getInputNames()) {
                HostTensor t = batch.tensors().get(name);
                if (t == null) {
                    throw new IllegalArgumentException("no input " + name + " to " + purpose + " with");
                }
                feed.tensors.put(name, OnnxTensor.createTensor(env, t.data(), t.shape(), javaType(t.dtype())));
            }
            return feed;
        } catch (RuntimeException | OrtException e) {
            feed.close();
            throw e;
        }
    }

    public Map<String, OnnxTensor> tensors() {
        return tensors;
    }

    /** The ONNX Runtime element type of a host tensor's type. */
    static OnnxJavaType javaType(DType t) {
        return switch (t) {
            case FLOAT32 -> OnnxJavaType.FLOAT;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case FLOAT64 -> OnnxJavaType.DOUBLE;
            case INT64 -> OnnxJavaType.INT64;
            case INT32 -> OnnxJavaType.INT32;
            case INT8 -> OnnxJavaType.INT8;
            case UINT8 -> OnnxJavaType.UINT8;
            case BOOL -> OnnxJavaType.BOOL;
        };
    }

    @Override
    public void close() {
        tensors.values().forEach(OnnxTensor::close);
        tensors.clear();
    }
}
