package dev.infbench.model;

/** What a model takes as input; decides how inputs are made and which parameters apply. */
public enum ModelKind {
    /** Token ids, attention mask and token types of shape [batch, seq]. */
    TEXT,
    /** Images [batch, channels, height, width]; the only kind for which {@code layout} matters. */
    IMAGE,
    /** Anything else: inputs are filled from the graph's declared types and shapes. */
    OTHER
}
