package dev.infbench.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infbench.harness.Json;

/** The launcher's JSON mapper: the harness's, so journal lines are written as the harness reads them. */
final class JsonSupport {
    static final ObjectMapper MAPPER = Json.MAPPER;

    private JsonSupport() {
    }
}
