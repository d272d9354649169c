package dev.redraw.core.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The image store with the images of the last few minutes kept in memory as well: a result is read
 * back to be posted right after it was stored, an edit's photos go upstream right after they were
 * stored, and a reply continues a branch made moments ago. Those reads then cost no database round
 * trip and no copy of megabytes out of it.
 *
 * <p>Bounded twice: by bytes (least recently used images leave first; an image over a quarter of
 * the bound is never kept) and by age. {@link #forgetAll} empties it, for an idle bot to give the
 * memory back. Writes go to the store first; an image is kept only once it is stored, so the
 * memory never holds an image the database does not.
 *
 * <p>The arrays handed out are the ones kept: callers must not change them (none does; images are
 * read, encoded and sent, and Telegram uploads hand the array itself to the client library, which
 * only reads it).
 */
public final class RecentImages implements ImageStore {

    private final ImageStore store;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;

    /** Guarded by itself; in access order, least recently used first. */
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    /** Guarded by {@link #kept}. */
    private long keptBytes;

    private record Kept(byte[] bytes, Instant at) {}

    public RecentImages(ImageStore store, long maxBytes, Duration maxAge, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxBytes < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("the bound and the age must not be negative");
        }
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ImageRef put(byte[] bytes, String sha256, String mimeType, int width, int height) {
        ImageRef ref = store.put(bytes, sha256, mimeType, width, height);
        keep(ref.sha256(), bytes);
        return ref;
    }

    @Override
    public Optional<byte[]> bytes(String sha256) {
        Instant now = clock.instant();
        synchronized (kept) {
            Kept found = kept.get(sha256);
            if (found != null) {
                if (!expired(found, now)) {
                    return Optional.of(found.bytes());
                }
                remove(sha256);
            }
        }
        Optional<byte[]> read = store.bytes(sha256);
        read.ifPresent(bytes -> keep(sha256, bytes));
        return read;
    }

    @Override
    public Optional<ImageRef> find(String sha256) {
        return store.find(sha256);
    }

    /** Drops every image kept in memory; the store keeps them all. */
    public void forgetAll() {
        synchronized (kept) {
            kept.clear();
            keptBytes = 0;
        }
    }

    /** The bytes kept in memory now. */
    public long keptBytes() {
        synchronized (kept) {
            return keptBytes;
        }
    }

    private void keep(String sha256, byte[] bytes) {
        if (bytes.length > maxBytes / 4) {
            return;
        }
        Instant now = clock.instant();
        synchronized (kept) {
            Kept before = kept.put(sha256, new Kept(bytes, now));
            keptBytes += bytes.length - (before == null ? 0 : before.bytes().length);
            Iterator<Map.Entry<String, Kept>> oldestFirst = kept.entrySet().iterator();
            while (oldestFirst.hasNext()) {
                Map.Entry<String, Kept> entry = oldestFirst.next();
                if (keptBytes <= maxBytes && !expired(entry.getValue(), now)) {
                    break;
                }
                keptBytes -= entry.getValue().bytes().length;
                oldestFirst.remove();
            }
        }
    }

    private boolean expired(Kept entry, Instant now) {
        return entry.at().plus(maxAge).isBefore(now);
    }

    /** Guarded by {@link #kept}. */
    private void remove(String sha256) {
        Kept removed = kept.remove(sha256);
        if (removed != null) {
            keptBytes -= removed.bytes().length;
        }
    }
}
