package dev.redraw.bench;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.history.HistoryBuilder;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Resolving a reply to a turn and building its ten-turn history, against an H2 file database
 * holding {@code conversations × depth} turns: one indexed message lookup, the recursive path query,
 * the turn load and the history assembly, exactly as a reply takes them.
 */
record HistoryBenchmark(int conversations, int depth, Path directory) {

    record Result(
            int conversations,
            int turns,
            double loadSeconds,
            int samples,
            double p50Micros,
            double p99Micros,
            double maxMicros) {}

    private static final int BATCH = 5_000;

    Result run(int warmup, int samples) throws Exception {
        BenchSupport.deleteRecursively(directory);
        Files.createDirectories(directory);
        var settings = Database.Settings.of(
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("history"));
        try (var database = Database.open(settings)) {
            long started = System.nanoTime();
            load(database);
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            var store = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
            var builder = new HistoryBuilder();
            var limits = new HistoryLimits(depth, HistoryLimits.DEFAULT_BYTE_BUDGET);
            var random = new SplittableRandom(7);
            long[] nanos = new long[samples];
            for (int i = 0; i < warmup + samples; i++) {
                int conversation = random.nextInt(conversations);
                var reply = new MessageRef(
                        "telegram", chatOf(conversation), Long.toString(turnId(conversation, depth - 1)));
                long t0 = System.nanoTime();
                long turn = store.resolve(reply).orElseThrow();
                var history = builder.build(store.path(turn), limits);
                long elapsed = System.nanoTime() - t0;
                if (history.turns().size() != depth) {
                    throw new IllegalStateException("expected " + depth + " turns, got "
                            + history.turns().size());
                }
                if (i >= warmup) {
                    nanos[i - warmup] = elapsed;
                }
            }
            Arrays.sort(nanos);
            return new Result(
                    conversations,
                    conversations * depth,
                    loadSeconds,
                    samples,
                    BenchSupport.percentile(nanos, 0.50) / 1e3,
                    BenchSupport.percentile(nanos, 0.99) / 1e3,
                    nanos[nanos.length - 1] / 1e3);
        }
    }

    private long turnId(int conversation, int step) {
        return (long) conversation * depth + step + 1;
    }

    private static String chatOf(int conversation) {
        return Integer.toString(conversation % 1_000);
    }

    /** Bulk-loads the tree with batched inserts: every odd step is a model answer with its own image. */
    private void load(Database database) throws SQLException {
        var now = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement image = connection.prepareStatement(
                            "INSERT INTO images (sha256, mime_type, width, height, byte_size, created_at)"
                                    + " VALUES (?, 'image/png', 1024, 1024, 1000000, ?)");
                    PreparedStatement imageData =
                            connection.prepareStatement("INSERT INTO image_data (sha256, data) VALUES (?, ?)");
                    PreparedStatement turn = connection.prepareStatement(
                            "INSERT INTO turns (id, parent_id, root_id, role, platform, chat_id, user_id, model,"
                                    + " aspect_ratio, created_at) VALUES (?, ?, ?, ?, 'telegram', ?, ?,"
                                    + " 'gemini-2.5-flash-image', '1:1', ?)");
                    PreparedStatement part = connection.prepareStatement(
                            "INSERT INTO turn_parts (turn_id, position, kind, text_value, image_sha256)"
                                    + " VALUES (?, 0, ?, ?, ?)");
                    PreparedStatement link = connection.prepareStatement(
                            "INSERT INTO message_links (platform, chat_id, message_id, turn_id, created_at)"
                                    + " VALUES ('telegram', ?, ?, ?, ?)")) {
                byte[] pixels = new byte[16];
                int pending = 0;
                for (int c = 0; c < conversations; c++) {
                    long root = turnId(c, 0);
                    String chat = chatOf(c);
                    String user = Integer.toString(c % 20_000);
                    for (int step = 0; step < depth; step++) {
                        long id = turnId(c, step);
                        boolean answer = step % 2 == 1;
                        String sha = String.format("%064x", id);
                        if (answer) {
                            image.setString(1, sha);
                            image.setTimestamp(2, now);
                            image.addBatch();
                            imageData.setString(1, sha);
                            imageData.setBytes(2, pixels);
                            imageData.addBatch();
                        }
                        turn.setLong(1, id);
                        if (step == 0) {
                            turn.setNull(2, java.sql.Types.BIGINT);
                        } else {
                            turn.setLong(2, id - 1);
                        }
                        turn.setLong(3, root);
                        turn.setString(4, answer ? "MODEL" : "USER");
                        turn.setString(5, chat);
                        turn.setString(6, user);
                        turn.setTimestamp(7, now);
                        turn.addBatch();
                        part.setLong(1, id);
                        part.setString(2, answer ? "IMAGE" : "TEXT");
                        part.setString(3, answer ? null : "make it bluer, step " + step);
                        part.setString(4, answer ? sha : null);
                        part.addBatch();
                        link.setString(1, chat);
                        link.setString(2, Long.toString(id));
                        link.setLong(3, id);
                        link.setTimestamp(4, now);
                        link.addBatch();
                        if (++pending == BATCH) {
                            flush(connection, image, imageData, turn, part, link);
                            pending = 0;
                        }
                    }
                }
                flush(connection, image, imageData, turn, part, link);
            }
        }
    }

    private static void flush(Connection connection, PreparedStatement... statements) throws SQLException {
        for (var statement : statements) {
            statement.executeBatch();
        }
        connection.commit();
    }
}
