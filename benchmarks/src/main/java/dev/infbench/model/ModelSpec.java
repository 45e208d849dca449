package dev.infbench.model;

import java.util.Map;
import java.util.Optional;

/**
 * A model: a catalog entry or a user's ONNX file.
 *
 * @param name        the {@code -p model=} value
 * @param kind        text, image or other: decides how inputs are made and which parameters apply
 * @param description what it is and where its weights come from
 * @param maxSeq      longest sequence a text model accepts (0 when unknown or not a text model)
 * @param tokenizer   classpath resource of the HuggingFace tokenizer.json, or null
 * @param variants    the files by precision
 * @param reference   the variant whose outputs every variant is checked against (fp32)
 */
public record ModelSpec(
        String name,
        ModelKind kind,
        String description,
        int maxSeq,
        String tokenizer,
        Map<String, ModelVariant> variants,
        ModelVariant reference) {

    public Optional<ModelVariant> variant(String precision) {
        return Optional.ofNullable(variants.get(precision));
    }

    /** True for a user's TorchScript file ({@code .pt}, {@code .pth}, {@code .torchscript}) rather than ONNX. */
    public boolean torchScript() {
        return reference().file() != null && ModelCatalog.isTorchScript(reference().file().toString());
    }

    /** True for a model file of the user's rather than a catalog entry. */
    public boolean isUserFile() {
        return variants.values().stream().anyMatch(v -> v.file() != null);
    }
}
