package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.testing.StoredRequests;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads interrupted while they write (cancelled jobs, an executor shutting down) must not close
 * the embedded database under the others, nor cost a job that was already accepted.
 */
class InterruptedWritesTest {

    @TempDir
    private Path dir;

    @Test
    void interruptsWhileWritingLeaveTheDatabaseOpenAndEveryAcceptedJobStored() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("redraw").toAbsolutePath();
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        var outages = new java.util.concurrent.ConcurrentLinkedQueue<StorageUnavailableException>();
        try (var database = Database.open(Database.Settings.of(url))) {
            var clock = Clock.systemUTC();
            var jobs = new JdbcJobStore(
                    database.dataSource(), clock, new JdbcConversationStore(database.dataSource(), clock));
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String user = "user-" + w;
                writers.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        Thread.interrupted(); // a new call starts with a clear flag, as a new job's does
                        try {
                            accepted.add(StoredRequests.accept(jobs, new Origin("telegram", "c", user), "p")
                                    .id());
                        } catch (StorageUnavailableException closed) {
                            outages.add(closed);
                        } catch (StorageException interrupted) {
                            // an interrupted call may fail; it was not acknowledged
                        }
                    }
                }));
            }
            // Interrupts land at random moments, some of them while H2 writes the file.
            var random = ThreadLocalRandom.current();
            for (int i = 0; i < 2_000 && accepted.size() < 1_500; i++) {
                long until = System.nanoTime() + random.nextLong(1_000_000);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                writers.get(random.nextInt(writers.size())).interrupt();
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(outages).as("calls that found the database closed").isEmpty();
            // The database is still open: an uninterrupted request is accepted.
            accepted.add(StoredRequests.accept(jobs, new Origin("telegram", "c", "after"), "p")
                    .id());
        }
        try (var reopened = Database.open(Database.Settings.of(url));
                var connection = reopened.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT id FROM jobs")) {
            Set<Long> stored = new java.util.HashSet<>();
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
            assertThat(stored).containsAll(accepted);
        }
    }
}
