package dev.infbench.config;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What a {@code -p model=} value may name: a model the catalog knows, or a model file. Configuration validates
 * values without knowing models: the model layer provides this (as a {@link ServiceLoader} service), so the
 * dependency points from models to configuration and never back.
 */
public interface ModelValues {

    /** The catalog's model names. */
    List<String> names();

    /** True when the value names a model file rather than a catalog entry. */
    boolean isPath(String value);

    /** Why {@code file} cannot be read as a model ("is a folder, not a model file"), or null when it can. */
    String unreadable(Path file);

    /** The provider on the class path. */
    static ModelValues installed() {
        return Holder.INSTANCE;
    }

    /** Loaded once: the first use, not class loading, finds it. */
    final class Holder {
        private static final ModelValues INSTANCE = ServiceLoader.load(ModelValues.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + ModelValues.class.getName()
                        + " service on the class path (META-INF/services)"));

        private Holder() {
        }
    }
}
