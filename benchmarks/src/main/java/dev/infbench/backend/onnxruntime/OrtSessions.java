package dev.infbench.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.infbench.model.ModelBytes;

/**
 * Every ONNX Runtime session of a model is made here. Sessions are created from the model's bytes, so ONNX Runtime
 * does not know the model's folder: for a model with external data (already checked by {@link ModelBytes}'s
 * maker), it is told where to read it, whatever the current directory.
 */
public final class OrtSessions {
    /** ONNX Runtime's session option for the folder of external data when the model comes from memory. */
    static final String EXTERNAL_DATA_FOLDER = "session.model_external_initializers_file_folder_path";

    private OrtSessions() {
    }

    /** A session of {@code model} with {@code options} (which this sets the external-data folder in). */
    public static OrtSession create(OrtEnvironment env, ModelBytes model, SessionOptions options) throws OrtException {
        if (model.dataFolder() != null) {
            options.addConfigEntry(EXTERNAL_DATA_FOLDER, model.dataFolder().toString());
        }
        return env.createSession(model.bytes(), options);
    }
}
