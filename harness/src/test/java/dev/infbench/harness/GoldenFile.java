package dev.infbench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Golden files and the locales they must hold under, after JMH's ResultFormatTest. */
public final class GoldenFile {

    private GoldenFile() {
    }

    /**
     * English, German (decimal comma, {@code .} grouping) and Russian (decimal comma, non-breaking-space grouping):
     * output must be byte for byte the same under each.
     */
    public static Stream<Locale> locales() {
        return Stream.of(Locale.ENGLISH, Locale.GERMANY, new Locale("ru", "RU"));
    }

    /**
     * The golden file's text. With {@code -Dgolden.update=true} the file is first rewritten from {@code actual}:
     * for an intended format change, reviewed in the diff before it is committed.
     */
    public static String read(String name, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden", name), actual,
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return actual;
        }
        return read(name);
    }

    public static String read(String name) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code output} with {@code locale} as the JVM default, restoring the previous default afterwards. */
    public static String underLocale(Locale locale, Supplier<String> output) {
        Locale saved = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            return output.get();
        } finally {
            Locale.setDefault(saved);
        }
    }
}
