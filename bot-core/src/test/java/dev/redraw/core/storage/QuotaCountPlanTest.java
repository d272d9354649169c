package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The counts a quota reads before every request come from the charges' indexes, which hold the
 * counted column: a sum over a busy user's thousands of charges reads no row of the table.
 */
class QuotaCountPlanTest extends OnEachDatabase {

    private final Database database = engine.open();

    QuotaCountPlanTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aUsersImagesInTheWindowAndEveryonesSinceMidnightAreSummedFromAnIndexHoldingThem() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            try (var insert = connection.prepareStatement(
                    "INSERT INTO charges (platform, user_id, charged_at, images) VALUES ('telegram', ?, ?, 1)")) {
                for (int i = 0; i < 500; i++) {
                    insert.setString(1, "user-" + (i % 50));
                    insert.setTimestamp(
                            2,
                            Timestamp.from(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (engine == TestDatabase.Engine.POSTGRESQL) {
                try (var statement = connection.createStatement()) {
                    statement.execute("ANALYZE charges");
                    // So small a table would be read whole; the question is which index a large one uses.
                    statement.execute("SET enable_seqscan = off");
                }
            }

            assertThat(plan(
                            connection,
                            "SELECT COALESCE(SUM(images), 0) FROM charges"
                                    + " WHERE platform = 'telegram' AND user_id = 'user-7'"
                                    + " AND charged_at > TIMESTAMP WITH TIME ZONE '2026-11-30 00:00:00+00'"))
                    .containsIgnoringCase("charges_user_images");
            assertThat(plan(
                            connection,
                            "SELECT COALESCE(SUM(images), 0) FROM charges"
                                    + " WHERE charged_at > TIMESTAMP WITH TIME ZONE '2026-12-01 00:00:00+00'"))
                    .containsIgnoringCase("charges_at_images");
        }
    }

    private static String plan(Connection connection, String query) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("EXPLAIN " + query)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
