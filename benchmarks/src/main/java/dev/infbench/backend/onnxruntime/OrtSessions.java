package dev.infbench.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;
import dev.infbench.model.ModelBytes;

/**
 * Sessions of a model that may read external data (a user's ONNX file, through {@link ModelBytes}). Sessions are
 * created from the model's bytes, so ONNX Runtime does not know the model's folder: for a model with external data
 * (already checked by {@code ModelVariant.read()}), it is told where to read it, whatever the current directory.
 * The sessions made elsewhere run models that carry their own data: calibration runs the embedded form a transform
 * gets, the overhead check the bundled MiniLM.
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
