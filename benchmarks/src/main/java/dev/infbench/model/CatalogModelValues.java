package dev.infbench.model;

import dev.infbench.config.ModelValues;
import java.nio.file.Path;
import java.util.List;

/** The catalog's answer to what a {@code -p model=} value may name (see {@link ModelValues}). */
public final class CatalogModelValues implements ModelValues {

    @Override
    public List<String> names() {
        return ModelCatalog.names();
    }

    @Override
    public boolean isPath(String value) {
        return ModelCatalog.isPath(value);
    }

    @Override
    public String unreadable(Path file) {
        return ModelVariant.unreadable(file);
    }
}
