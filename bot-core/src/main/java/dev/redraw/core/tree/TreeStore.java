package dev.redraw.core.tree;

import dev.redraw.core.conversation.Origin;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the tree pages' links and thumbnails are kept: each link's token hash (never the token),
 * what it opens and until when, and the small copies of images the pages show.
 */
public interface TreeStore {

    /**
     * A link to a tree page.
     *
     * @param rootId the tree's root turn
     * @param markedId the turn whose path the page marks
     * @param viewer who asked for it, and in which chat: the page shows what they may see
     * @param language the language the page is written in, such as {@code en} or {@code zh}
     */
    record PageLink(long rootId, OptionalLong markedId, Origin viewer, String language, Instant expiresAt) {
        public PageLink {
            Objects.requireNonNull(markedId, "markedId");
            Objects.requireNonNull(viewer, "viewer");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** A small copy of an image, as served. */
    record Thumbnail(String mimeType, byte[] bytes) {
        public Thumbnail {
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** Records a page link; {@code tokenHash} is the hex SHA-256 of the token. */
    void savePage(String tokenHash, PageLink link);

    /** The page link with this token hash, unless it is unknown or expired at {@code now}. */
    Optional<PageLink> findPage(String tokenHash, Instant now);

    /** Records a link that continues from turn {@code turnId}. */
    void saveStart(String tokenHash, long turnId, Instant expiresAt);

    /** The turn a continue link opens, unless it is unknown or expired at {@code now}. */
    OptionalLong findStart(String tokenHash, Instant now);

    /** Forgets the page and continue links expired at {@code now}; returns how many. */
    int deleteExpired(Instant now);

    /** The stored small copy of image {@code sha256}, if one was made. */
    Optional<Thumbnail> thumbnail(String sha256);

    /** Keeps a small copy of image {@code sha256}; a copy kept already (by another instance) stays. */
    void saveThumbnail(String sha256, Thumbnail thumbnail);
}
