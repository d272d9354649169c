package dev.redraw.core.link;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.generation.ImageUrls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Public, unguessable, expiring links to stored images, for upstream models that fetch their input
 * images by URL. A link is {@code {public-url}/i/<token>}: the token is 256 random bits from
 * {@link SecureRandom}, and only its hash is stored, so neither the database nor the logs hold a
 * working link. An unknown, malformed or expired token opens nothing, and nothing says which.
 */
public final class ImageLinks implements ImageUrls {

    /** The path under the public URL that links live in. */
    public static final String PATH_PREFIX = "/i/";

    private static final int TOKEN_BYTES = 32;
    /** 32 bytes in unpadded base64url. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ImageLinkStore links;
    private final ImageStore images;
    private final Optional<String> publicBase;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param publicUrl the address the bot's HTTP server is reached at from outside; without one no
     *     link can be made, and models that need links refuse edits
     * @param lifetime how long a link works
     */
    public ImageLinks(
            ImageLinkStore links,
            ImageStore images,
            Optional<URI> publicUrl,
            Duration lifetime,
            Clock clock,
            SecureRandom random) {
        this.links = Objects.requireNonNull(links, "links");
        this.images = Objects.requireNonNull(images, "images");
        this.publicBase = publicUrl.map(url -> url.toString().replaceAll("/+$", ""));
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a link must live for some time");
        }
        this.lifetime = lifetime;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public boolean available() {
        return publicBase.isPresent();
    }

    @Override
    public String linkTo(ImageRef image) {
        String base = publicBase.orElseThrow(() -> new IllegalStateException("no public URL is configured"));
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        // Expired links are swept as new ones are made: the table holds about one lifetime's worth.
        links.deleteExpired(now);
        links.save(hash(token), image.sha256(), now.plus(lifetime));
        return base + PATH_PREFIX + token;
    }

    /** The image behind {@code token}, unless the token is malformed, unknown or expired, or the image is gone. */
    public Optional<LinkedImage> open(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return links.find(hash(token), clock.instant())
                .flatMap(link -> images.find(link.imageSha256())
                        .flatMap(ref -> images.bytes(ref.sha256())
                                .map(bytes -> new LinkedImage(ref.mimeType(), bytes, link.expiresAt()))));
    }

    private static String hash(String token) {
        return ImageRef.sha256Of(token.getBytes(StandardCharsets.US_ASCII));
    }
}
