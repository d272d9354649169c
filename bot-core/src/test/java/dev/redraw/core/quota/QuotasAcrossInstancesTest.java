package dev.redraw.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.StoredRequests;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances, each with its own connection pool on one database, admitting requests at the same
 * moment: the quotas hold exactly, because the count and the insert are one admission in the
 * database.
 */
class QuotasAcrossInstancesTest extends OnEachDatabase {

    private static final Origin ALICE = new Origin("telegram", "100", "alice");
    private static final int REQUESTS_PER_INSTANCE = 12;

    private final String url = engine.url();
    private final List<Database> databases = new ArrayList<>();

    QuotasAcrossInstancesTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    /** One instance's job store, on a pool of its own. */
    private JdbcJobStore instance() {
        var database = Database.open(new Database.Settings(url, Optional.empty(), Optional.empty(), 8));
        databases.add(database);
        var clock = Clock.systemUTC();
        return new JdbcJobStore(database.dataSource(), clock, new JdbcConversationStore(database.dataSource(), clock));
    }

    /** Every instance admits {@link #REQUESTS_PER_INSTANCE} requests of its users at once; how many got in. */
    private int admitTogether(List<JdbcJobStore> instances, QuotaPolicy policy, List<Origin> users) throws Exception {
        var start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (JdbcJobStore store : instances) {
                var quotas = new Quotas(policy, store, Clock.systemUTC());
                for (int i = 0; i < REQUESTS_PER_INSTANCE; i++) {
                    Origin user = users.get(i % users.size());
                    results.add(threads.submit(() -> {
                        start.await();
                        return store.admit(admission -> {
                            if (quotas.refusal(user, false, 1, admission.usage())
                                    .isPresent()) {
                                return false;
                            }
                            admission.accept(StoredRequests.turn(user), StoredRequests.job("p"));
                            return true;
                        });
                    }));
                }
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> result : results) {
                admitted += result.get() ? 1 : 0;
            }
            return admitted;
        }
    }

    @Test
    void twoInstancesAdmitExactlyAUsersLastImages() throws Exception {
        var instances = List.of(instance(), instance());
        var policy = new QuotaPolicy(5, Duration.ofHours(24), OptionalInt.empty(), Map.of());

        assertThat(admitTogether(instances, policy, List.of(ALICE))).isEqualTo(5);
        assertThat(instances.get(1).activeImages(ALICE.platform(), ALICE.userId()))
                .isEqualTo(5);
    }

    @Test
    void theBotsDailyCapHoldsExactlyAcrossInstancesAndUsers() throws Exception {
        var instances = List.of(instance(), instance());
        var users = List.of(ALICE, new Origin("telegram", "100", "bob"), new Origin("discord", "c", "carol"));
        var policy = new QuotaPolicy(100, Duration.ofHours(24), OptionalInt.of(7), Map.of());
        // Two images were already made today: five remain.
        JobStore first = instances.getFirst();
        var made = StoredRequests.accept(first, ALICE, "p");
        first.markRunning(made.id());
        first.finish(made.id(), Optional.empty(), OutcomeKind.IMAGES, "", OutcomeDetails.NONE, 2);

        assertThat(admitTogether(instances, policy, users)).isEqualTo(5);
        assertThat(first.activeImages()).isEqualTo(5);
    }

    @Test
    void chargesAndAdmissionsOfTwoInstancesCountEveryImageOnce() throws Exception {
        var instances = List.of(instance(), instance());
        var policy = new QuotaPolicy(6, Duration.ofHours(24), OptionalInt.empty(), Map.of());
        // Three jobs of Alice's finish on one instance while the other admits her requests.
        List<Long> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = StoredRequests.accept(instances.getFirst(), ALICE, "p").id();
            instances.getFirst().markRunning(id);
            running.add(id);
        }
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var finishing = threads.submit(() -> {
                for (long id : running) {
                    instances.getFirst().finish(id, Optional.empty(), OutcomeKind.IMAGES, "", OutcomeDetails.NONE, 1);
                }
                return null;
            });
            int admitted = admitTogether(List.of(instances.get(1)), policy, List.of(ALICE));
            finishing.get();

            assertThat(admitted).isEqualTo(3);
        }
        var quotas = new Quotas(policy, instances.get(1), Clock.systemUTC());
        assertThat(quotas.status(ALICE, java.time.Instant.now()).used()).isEqualTo(3);
        assertThat(instances.get(1).activeImages(ALICE.platform(), ALICE.userId()))
                .isEqualTo(3);
    }
}
