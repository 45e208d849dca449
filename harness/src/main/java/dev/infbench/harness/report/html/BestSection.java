package dev.infbench.harness.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.pick.BestMarkdown;
import dev.infbench.harness.pick.BestPicks;
import java.util.List;

/** The best-configuration picks of a run as Markdown (best.md and a section of the report). */
final class BestSection {
    private BestSection() {
    }

    /** best.md, and the same picks as plain text for the report's {@code <pre>} (no Markdown escapes shown). */
    record Picks(String markdown, String plain) {
    }

    static Picks of(List<Cell> cells, JsonNode env, double slaMs) {
        String hardware = env.path("keys").path("hardware").asText("unknown hardware");
        BestPicks picks = BestPicks.of(cells, hardware, slaMs, null);
        return new Picks(BestMarkdown.render(picks), BestMarkdown.plain(picks));
    }
}
