package dev.redraw.core.link;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.generation.ImageUrls;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Public, unguessable, expiring links to stored images, for upstream models that fetch their input
 * images by URL. A link is {@code {public-url}/i/<token>}: the token is 256 random bits from
 * {@link SecureRandom}, and only its hash is stored, so neither the database nor the logs hold a
 * working link. An unknown, malformed or expired token opens nothing, and nothing says which.
 */
public final class ImageLinks implements ImageUrls {

    /** The path under the public URL that links live in. */
    public static final String PATH_PREFIX = "/i/";

    private final ImageLinkStore links;
    private final ImageStore images;
    private final Optional<String> publicBase;
    private final Duration lifetime;
    private final Clock clock;
    private final Tokens tokens;

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
        this.tokens = new Tokens(random);
    }

    @Override
    public boolean available() {
        return publicBase.isPresent();
    }

    @Override
    public String linkTo(ImageRef image) {
        String base = publicBase.orElseThrow(() -> new IllegalStateException("no public URL is configured"));
        String token = tokens.next();
        Instant now = clock.instant();
        // Expired links are swept as new ones are made: the table holds about one lifetime's worth.
        links.deleteExpired(now);
        links.save(Tokens.hash(token), image.sha256(), now.plus(lifetime));
        return base + PATH_PREFIX + token;
    }

    /** The image behind {@code token}, unless the token is malformed, unknown or expired, or the image is gone. */
    public Optional<LinkedImage> open(String token) {
        if (!Tokens.wellFormed(token)) {
            return Optional.empty();
        }
        return links.find(Tokens.hash(token), clock.instant())
                .flatMap(link -> images.find(link.imageSha256())
                        .flatMap(ref -> images.bytes(ref.sha256())
                                .map(bytes -> new LinkedImage(ref.mimeType(), bytes, link.expiresAt()))));
    }
}
