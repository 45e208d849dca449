package dev.infbench.harness.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.harness.pick.BestMarkdown;
import dev.infbench.harness.pick.BestPicks;
import dev.infbench.harness.run.JournalEntry;
import java.util.List;

/** The best-configuration picks of a run as Markdown (best.md and a section of the report). */
final class BestSection {
    private BestSection() {
    }

    static String markdown(List<JournalEntry> cells, JsonNode env, double slaMs) {
        String hardware = env.path("keys").path("hardware").asText("unknown hardware");
        return BestMarkdown.render(BestPicks.of(cells, hardware, slaMs, null));
    }
}
