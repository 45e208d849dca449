package dev.infbench.model;

import java.util.Map;
import java.util.Optional;

/**
 * A model in the catalog.
 *
 * @param name        the {@code -p model=} name
 * @param kind        text or image
 * @param description what it is and where its weights come from
 * @param maxSeq      longest sequence the model accepts (text models; 0 for others)
 * @param tokenizer   classpath resource of the HuggingFace tokenizer.json (text models)
 * @param variants    the bundled files by precision
 */
public record ModelSpec(
        String name,
        ModelKind kind,
        String description,
        int maxSeq,
        String tokenizer,
        Map<String, ModelVariant> variants) {

    public Optional<ModelVariant> variant(String precision) {
        return Optional.ofNullable(variants.get(precision));
    }
}
