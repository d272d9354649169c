package dev.redraw.app.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may ask a running bot for a backup of its H2 database: whoever can read the token it writes
 * beside the database files at start (readable by its own user only), that is, who could copy the
 * database files anyway. The {@code backup} subcommand reads it; the token file goes at stop.
 */
public final class BackupAccess implements AutoCloseable {

    /** The token file's name, in the database's folder. */
    public static final String FILE = "redraw-backup.token";

    private final Path file;
    private final String token;

    private BackupAccess(Path file, String token) {
        this.file = file;
        this.token = token;
    }

    /** Writes a fresh token into {@code folder}; a stale one of an earlier run is replaced. */
    public static BackupAccess open(Path folder) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Path file = folder.resolve(FILE);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, token, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("the backup token could not be written to " + file, e);
        }
        return new BackupAccess(file, token);
    }

    /** The token a running bot wrote in {@code folder}; empty when none runs there. */
    public static Optional<String> read(Path folder) {
        try {
            return Optional.of(Files.readString(folder.resolve(FILE), StandardCharsets.US_ASCII)
                    .strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code offered} is the token, compared in constant time. */
    public boolean admits(Optional<String> offered) {
        return offered.filter(value -> MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII)))
                .isPresent();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Replaced at the next start either way.
        }
    }
}
