package dev.redraw.app.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the local files given to {@code /image} and {@code /blend}. Only regular files are read, and
 * never more than {@link #MAX_BYTES}: a device such as {@code /dev/zero}, a pipe or a huge file would
 * otherwise fill the memory and end the console.
 */
final class LocalImageFiles {

    /** Far above any photo a model takes; the intake shrinks what it keeps to the configured size. */
    static final long MAX_BYTES = 50L * 1024 * 1024;

    private LocalImageFiles() {}

    /** A file the console will not read, with a one-line reason naming it. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * The file's bytes.
     *
     * @throws Refused when the file is missing, not a regular file, or larger than {@code max}
     *     (checked before reading and again while reading, for a file that grows meanwhile)
     * @throws IOException when reading fails
     */
    static byte[] read(Path file, long max) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Refused("no such file: " + file);
        }
        if (attributes.isDirectory()) {
            throw new Refused(file + " is a folder, not an image file");
        }
        if (!attributes.isRegularFile()) {
            throw new Refused(file + " is not a regular file (a device or a pipe?); give an image file");
        }
        if (attributes.size() > max) {
            throw tooLarge(file, max);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(Math.toIntExact(max + 1));
            if (bytes.length > max) {
                throw tooLarge(file, max);
            }
            return bytes;
        }
    }

    private static Refused tooLarge(Path file, long max) {
        return new Refused(
                file + " is larger than " + megabytes(max) + "; the console reads image files up to that size");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%d MB", bytes / (1024 * 1024));
    }
}
