package dev.infbench.backend;

import dev.infbench.config.CellConfig;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;

/** A backend whose name is reserved but which this version does not implement: every cell is pruned. */
final class ReservedBackend implements Backend {
    private final String name;
    private final String what;

    ReservedBackend(String name, String what) {
        this.name = name;
        this.what = what;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capability check(CellConfig cell, ModelSpec model) {
        return Capability.unsupported("backend " + name + " (" + what + ") is not implemented in this version");
    }

    @Override
    public BackendSession open(CellConfig cell, ModelVariant variant) {
        throw new UnsupportedOperationException("backend " + name + " (" + what + ") is not implemented in this version");
    }
}
