package dev.infbench.model;

import java.util.Optional;

/** Element types the suite can make inputs of, with their ONNX {@code TensorProto.DataType} codes. */
public enum DType {
    FLOAT32(1, 4, "float32"),
    UINT8(2, 1, "uint8"),
    INT8(3, 1, "int8"),
    INT32(6, 4, "int32"),
    INT64(7, 8, "int64"),
    BOOL(9, 1, "bool"),
    FLOAT16(10, 2, "float16"),
    FLOAT64(11, 8, "float64");

    private final int onnxCode;
    private final int bytes;
    private final String label;

    DType(int onnxCode, int bytes, String label) {
        this.onnxCode = onnxCode;
        this.bytes = bytes;
        this.label = label;
    }

    public int bytes() {
        return bytes;
    }

    public String label() {
        return label;
    }

    public boolean isInteger() {
        return this == UINT8 || this == INT8 || this == INT32 || this == INT64;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT16 || this == FLOAT64;
    }

    public static Optional<DType> fromOnnx(int code) {
        for (DType t : values()) {
            if (t.onnxCode == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Names of ONNX element types, for messages about the ones the suite cannot fill. */
    public static String onnxName(int code) {
        return switch (code) {
            case 0 -> "undefined";
            case 4 -> "uint16";
            case 5 -> "int16";
            case 8 -> "string";
            case 12 -> "uint32";
            case 13 -> "uint64";
            case 14 -> "complex64";
            case 15 -> "complex128";
            case 16 -> "bfloat16";
            default -> fromOnnx(code).map(DType::label).orElse("type " + code);
        };
    }
}
