package dev.infbench.model;

/**
 * An input the suite cannot fill. {@code cellSpecific} is true when only this cell's batch or sequence length is at
 * fault (the cell is pruned), false when no cell of the model can run without more information (a usage error).
 */
public final class InputPlanException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean cellSpecific;

    public InputPlanException(String message, boolean cellSpecific) {
        super(message);
        this.cellSpecific = cellSpecific;
    }

    public boolean cellSpecific() {
        return cellSpecific;
    }
}
