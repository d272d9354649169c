package dev.redraw.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentImagesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final CountingStore store = new CountingStore();
    private final RecentImages images = new RecentImages(store, 100, Duration.ofMinutes(10), clock);

    /** An image store in memory that counts its reads and can be made to fail. */
    private static final class CountingStore implements ImageStore {
        final Map<String, byte[]> stored = new HashMap<>();
        int reads;
        boolean failing;

        @Override
        public ImageRef put(byte[] bytes, String sha256, String mimeType, int width, int height) {
            if (failing) {
                throw new IllegalStateException("disk full");
            }
            stored.put(sha256, bytes);
            return new ImageRef(sha256, mimeType, width, height, bytes.length);
        }

        @Override
        public Optional<byte[]> bytes(String sha256) {
            reads++;
            return Optional.ofNullable(stored.get(sha256));
        }

        @Override
        public Optional<ImageRef> find(String sha256) {
            return Optional.ofNullable(stored.get(sha256))
                    .map(bytes -> new ImageRef(sha256, "image/png", 1, 1, bytes.length));
        }
    }

    private static byte[] image(int size, int seed) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) seed;
        return bytes;
    }

    private ImageRef put(byte[] bytes) {
        return images.put(bytes, "image/png", 1, 1);
    }

    @Test
    void anImageJustStoredIsReadBackWithoutTheStore() {
        ImageRef ref = put(image(20, 1));

        assertThat(images.bytes(ref.sha256()))
                .hasValueSatisfying(bytes -> assertThat(bytes[0]).isEqualTo((byte) 1));
        assertThat(store.reads).isZero();
        assertThat(store.stored).containsKey(ref.sha256());
    }

    @Test
    void theLeastRecentlyUsedLeaveFirstOnceTheBoundIsReachedAndLargeImagesAreNeverKept() {
        ImageRef first = put(image(20, 1));
        ImageRef second = put(image(20, 2));
        images.bytes(first.sha256()); // first is now the more recently used
        put(image(20, 3));
        put(image(20, 4));
        put(image(20, 5)); // 100 bytes kept: nothing leaves yet
        assertThat(images.keptBytes()).isEqualTo(100);
        put(image(20, 6)); // second, the least recently used, leaves

        images.bytes(first.sha256());
        assertThat(store.reads).isZero();
        images.bytes(second.sha256());
        assertThat(store.reads).isEqualTo(1);

        ImageRef large = put(image(26, 7)); // over a quarter of the bound
        assertThat(images.keptBytes()).isLessThanOrEqualTo(100);
        images.bytes(large.sha256());
        assertThat(store.reads).isEqualTo(2);
    }

    @Test
    void anImageOlderThanTheAgeIsReadFromTheStoreAgain() {
        ImageRef ref = put(image(20, 1));
        clock.advance(Duration.ofMinutes(11));

        assertThat(images.bytes(ref.sha256())).isPresent();
        assertThat(store.reads).isEqualTo(1);
    }

    @Test
    void forgettingEmptiesTheMemoryButNotTheStore() {
        ImageRef ref = put(image(20, 1));

        images.forgetAll();

        assertThat(images.keptBytes()).isZero();
        assertThat(images.bytes(ref.sha256())).isPresent();
        assertThat(store.reads).isEqualTo(1);
    }

    @Test
    void anImageTheStoreRefusedIsNotKept() {
        store.failing = true;
        byte[] bytes = image(20, 1);

        assertThatThrownBy(() -> put(bytes)).hasMessage("disk full");

        assertThat(images.keptBytes()).isZero();
        assertThat(images.bytes(ImageRef.sha256Of(bytes))).isEmpty();
    }
}
