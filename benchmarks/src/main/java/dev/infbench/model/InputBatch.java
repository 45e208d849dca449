package dev.infbench.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inputs of one call, by model input name; made once per trial, outside the timed region. */
public record InputBatch(Map<String, HostTensor> tensors) {

    public static InputBatch of(List<HostTensor> list) {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        list.forEach(t -> m.put(t.name(), t));
        return new InputBatch(Collections.unmodifiableMap(m));
    }

    /** e.g. {@code input_ids int64[1x128], attention_mask int64[1x128]}. */
    public String describe() {
        return String.join(", ", tensors.values().stream().map(HostTensor::describe).toList());
    }
}
