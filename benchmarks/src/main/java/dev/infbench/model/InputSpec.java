package dev.infbench.model;

/**
 * How one model input is filled for a cell.
 *
 * @param name       the input's name
 * @param dtype      its element type
 * @param shape      concrete dimensions for this cell
 * @param role       what the values mean, which decides how they are made
 * @param vocabulary for token ids: the embedding table's rows when the graph shows them, else null
 */
public record InputSpec(String name, DType dtype, long[] shape, Role role, Long vocabulary) {

    /** What an input's values mean. */
    public enum Role {
        TOKEN_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS, POSITION_IDS, INTEGER, FLOAT, BOOL
    }

    public String describe() {
        return HostTensor.describe(name, dtype, shape);
    }
}
