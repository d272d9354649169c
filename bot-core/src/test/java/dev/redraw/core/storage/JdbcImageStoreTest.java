package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class JdbcImageStoreTest extends DatabaseTest {

    JdbcImageStoreTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private final JdbcImageStore store = new JdbcImageStore(database.dataSource(), Clock.systemUTC());

    @Test
    void imagesAreAddressedBySha256AndStoredOnce() throws Exception {
        byte[] bytes = {1, 2, 3, 4, 5};
        var first = store.put(bytes, "image/png", 640, 480);
        var second = store.put(bytes.clone(), "image/png", 640, 480);

        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(first.sha256()).isEqualTo(expected);
        assertThat(second).isEqualTo(first);
        assertThat(store.bytes(expected)).hasValueSatisfying(b -> assertThat(b).containsExactly(bytes));
        assertThat(store.find(expected)).hasValueSatisfying(ref -> {
            assertThat(ref.mimeType()).isEqualTo("image/png");
            assertThat(ref.width()).isEqualTo(640);
            assertThat(ref.height()).isEqualTo(480);
            assertThat(ref.byteSize()).isEqualTo(5);
        });
        try (var connection = database.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM images")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void theSameImageStoredAtOnceFromManyRequestsIsOneRow() throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(3).nextBytes(bytes);
        var refs = new ConcurrentLinkedQueue<ImageRef>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                threads.submit(() -> refs.add(store.put(bytes.clone(), "image/png", 10, 10)));
            }
        }

        assertThat(refs).hasSize(8).containsOnly(refs.peek());
        assertThat(store.bytes(refs.peek().sha256()))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        for (String table : List.of("images", "image_data")) {
            try (var connection = database.dataSource().getConnection();
                    var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                assertThat(rows.getInt(1)).as(table).isEqualTo(1);
            }
        }
    }

    @Test
    void bytesThatRetentionDeletedArePutBackWhenTheSameImageComesAgain() throws Exception {
        byte[] bytes = {9, 8, 7, 6};
        var first = store.put(bytes, "image/png", 2, 2);
        try (var connection = database.dataSource().getConnection();
                var delete = connection.prepareStatement("DELETE FROM image_data WHERE sha256 = ?")) {
            delete.setString(1, first.sha256());
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertThat(store.bytes(first.sha256())).isEmpty();

        var again = store.put(bytes.clone(), "image/jpeg", 5, 5);

        // The row already known is kept as it was; only its bytes come back, once.
        assertThat(again).isEqualTo(first);
        assertThat(store.bytes(first.sha256()))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(bytes));
        store.put(bytes.clone(), "image/png", 2, 2);
        try (var connection = database.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM image_data")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void unknownHashFindsNothing() {
        assertThat(store.bytes("0".repeat(64))).isEmpty();
        assertThat(store.find("0".repeat(64))).isEmpty();
    }
}
