package dev.infbench.env;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** What a failed file operation means, in words a user can act on (not "AccessDeniedException: /x"). */
public final class FileErrors {
    private FileErrors() {
    }

    /** The cause of {@code e} in a few words: "permission denied", "no space left on device", ... */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder" + (e.getMessage() != null ? " " + e.getMessage() : "");
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder: " + e.getMessage();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return decapitalized(fs.getReason());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : decapitalized(m);
    }

    /** "No space left on device" (the operating system's words) as "no space left on device". */
    private static String decapitalized(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }

    /** True when {@code e} says the disk (or the user's quota) is full. */
    public static boolean diskFull(IOException e) {
        return diskFull(reason(e));
    }

    /** True when a message says the disk (or the user's quota) is full. */
    public static boolean diskFull(String message) {
        String r = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return r.contains("no space left") || r.contains("disk quota exceeded");
    }
}
