package dev.redraw.core.link;

import dev.redraw.core.conversation.ImageRef;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret part of the bot's public links: 256 random bits from {@link SecureRandom}, written as
 * 43 characters of unpadded base64url (which Telegram also takes as a {@code start} parameter).
 * Only a token's hash is ever stored, so neither the database nor a backup holds a working link.
 */
public final class Tokens {

    private static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random;

    public Tokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new token. */
    public String next() {
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Whether {@code token} has a token's shape; anything else is refused before a lookup. */
    public static boolean wellFormed(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /** What is stored for {@code token}: the hex SHA-256 of its characters. */
    public static String hash(String token) {
        return ImageRef.sha256Of(token.getBytes(StandardCharsets.US_ASCII));
    }
}
