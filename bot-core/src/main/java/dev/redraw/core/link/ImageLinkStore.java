package dev.redraw.core.link;

import java.time.Instant;
import java.util.Optional;

/** Where links to images are kept: the hash of each link's token, the image, and the expiry. */
public interface ImageLinkStore {

    /** A live link: the image it names and when it stops working. */
    record Link(String imageSha256, Instant expiresAt) {}

    /** Records a link; {@code tokenHash} is the hex SHA-256 of the token, never the token itself. */
    void save(String tokenHash, String imageSha256, Instant expiresAt);

    /** The link with this token hash, unless it is unknown or expired at {@code now}. */
    Optional<Link> find(String tokenHash, Instant now);

    /** Forgets the links expired at {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
