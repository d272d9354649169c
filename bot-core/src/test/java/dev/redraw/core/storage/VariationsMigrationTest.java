package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobStatus;
import dev.redraw.core.settings.UserSettings;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A database made before variations (at V13) keeps its jobs, links and settings as requests of one image. */
class VariationsMigrationTest {

    @TempDir
    private Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void rowsStoredBeforeVariationsAreRequestsOfOneImage(TestDatabase.Engine engine) throws Exception {
        String url = engine.migratedTo(dir, "13");
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO turns (id, role, platform, chat_id, user_id, created_at)"
                    + " VALUES (1, 'USER', 'telegram', '100', '7', CURRENT_TIMESTAMP)");
            statement.executeUpdate(
                    "INSERT INTO jobs (id, user_turn_id, platform, chat_id, user_id, provider, model, status, attempts,"
                            + " charged_images, delivery_state, created_at) VALUES (5, 1, 'telegram', '100', '7', 'p',"
                            + " 'm', 'QUEUED', 0, 0, 'PENDING', CURRENT_TIMESTAMP)");
            statement.executeUpdate("INSERT INTO message_links (platform, chat_id, message_id, turn_id, created_at)"
                    + " VALUES ('telegram', '100', '42', 1, CURRENT_TIMESTAMP)");
            statement.executeUpdate(
                    "INSERT INTO user_settings (platform, user_id, model) VALUES ('telegram', '7', 'm')");
        }

        Database database = Database.open(Database.Settings.of(url));
        try {
            var clock = Clock.systemUTC();
            var conversations = new JdbcConversationStore(database.dataSource(), clock);
            var jobs = new JdbcJobStore(database.dataSource(), clock, conversations);
            Job job = jobs.find(5).orElseThrow();
            assertThat(job.variations()).isEqualTo(1);
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(jobs.activeImages("telegram", "7")).isEqualTo(1);
            assertThat(jobs.variationTasks(5)).isEmpty();
            assertThat(conversations.resolve(new MessageRef("telegram", "100", "42")))
                    .isEqualTo(OptionalLong.of(1));
            assertThat(conversations.sharedLinks(1)).isEmpty();
            UserSettings settings = new JdbcSettingsStore(database.dataSource(), clock).user("telegram", "7");
            assertThat(settings.variations()).isEmpty();
            assertThat(settings.model()).hasValue("m");
        } finally {
            database.close();
        }
    }
}
