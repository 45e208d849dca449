package dev.infbench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.RunLayout;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Failed file operations in words: the cause, not the exception's class and a bare path. */
class FileErrorsTest {

    @Test
    void theCauseIsNamedInPlainWords() {
        assertThat(FileErrors.reason(new AccessDeniedException("/nonexistent"))).isEqualTo("permission denied");
        assertThat(FileErrors.reason(new NoSuchFileException("/x/y"))).isEqualTo("no such file or folder /x/y");
        assertThat(FileErrors.reason(new FileSystemException("/r/" + RunLayout.RUN, null, "Read-only file system")))
                .isEqualTo("read-only file system");
        assertThat(FileErrors.reason(new IOException("No space left on device"))).isEqualTo("no space left on device");
        assertThat(FileErrors.reason(new IOException("/Paths/Keep/Their/Case"))).isEqualTo("/Paths/Keep/Their/Case");
    }

    @Test
    void aFullDiskOrQuotaIsRecognised() {
        assertThat(FileErrors.diskFull(new IOException("No space left on device"))).isTrue();
        assertThat(FileErrors.diskFull(new FileSystemException("/x", null, "Disk quota exceeded"))).isTrue();
        assertThat(FileErrors.diskFull("UncheckedIOException: cannot write the cell report: no space left on device"))
                .isTrue();
        assertThat(FileErrors.diskFull(new AccessDeniedException("/x"))).isFalse();
        assertThat(FileErrors.diskFull((String) null)).isFalse();
    }
}
