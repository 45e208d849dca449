package dev.infbench.harness.pick;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Golden files and locales, as in the report package's tests; {@code -Dgolden.update=true} rewrites them. */
final class GoldenFile {

    private GoldenFile() {
    }

    static Stream<Locale> locales() {
        return Stream.of(Locale.ENGLISH, Locale.GERMANY, new Locale("ru", "RU"));
    }

    static String read(String name, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden", name), actual,
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return actual;
        }
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String underLocale(Locale locale, Supplier<String> output) {
        Locale saved = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            return output.get();
        } finally {
            Locale.setDefault(saved);
        }
    }
}
