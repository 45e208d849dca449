package dev.infbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.model.HostTensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDigestTest {

    private static HostTensor tensor(float scale, float nudge) {
        float[] v = new float[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i) * scale + (i == 5000 ? nudge : 0);
        }
        return HostTensor.ofFloats("out", new long[] {1, v.length}, v);
    }

    @Test
    void aLaterForkWithTheSameOutputsAgreesAndOneWithOtherOutputsIsNamed(@TempDir Path dir) throws Exception {
        OutputDigest first = OutputDigest.of(List.of(tensor(1, 0)));
        first.write(dir.resolve("d.json"));
        OutputDigest read = OutputDigest.read(dir.resolve("d.json"));

        // Kept small: at most SAMPLES values per output.
        assertThat(read.outputs().get(0).values()).hasSizeLessThanOrEqualTo(OutputDigest.SAMPLES);
        assertThat(read.differences(OutputDigest.of(List.of(tensor(1, 1e-6f))))).isNull();
        assertThat(read.differences(OutputDigest.of(List.of(tensor(-1, 0))))).contains("output out differs",
                "cosine -1.000000");
        assertThat(read.differences(OutputDigest.of(List.of(tensor(1, 0), tensor(1, 0))))).contains("2 outputs");
    }
}
