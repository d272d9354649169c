package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.request.HandledUpdates;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.StorageUnavailableException;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeUser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The poller keeps each update in the database before confirming it to Telegram: an update still
 * being handled holds nobody up, and one a crash cut off is handled by the next start.
 */
class KeptUpdatesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeUser ALICE = FakeUser.of(1001, "Alice");
    private static final FakeUser BOB = FakeUser.of(1002, "Bob");

    private final FakeTelegram telegram = new FakeTelegram("123:kept").start();
    private final Database database = TestDatabase.open();
    /** Closed by a test that holds the keeping of updates back; open otherwise. */
    private volatile CountDownLatch keepingGate = new CountDownLatch(0);

    /** Set by a test whose updates cannot be kept: the database refuses the write. */
    private volatile boolean keepingFails;

    private final HandledUpdates updates =
            new HandledUpdates(gated(new JdbcSettingsStore(database.dataSource(), Clock.systemUTC())));

    /** The store, with each keeping of an update waiting for {@link #keepingGate} first. */
    private SettingsStore gated(SettingsStore store) {
        return (SettingsStore) Proxy.newProxyInstance(
                SettingsStore.class.getClassLoader(), new Class<?>[] {SettingsStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("keepReceived")) {
                        keepingGate.await();
                        if (keepingFails) {
                            throw new StorageUnavailableException(
                                    "does not accept writes: disk full", new java.sql.SQLException("disk full"));
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private final OkHttpClient http = new OkHttpClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch never = new CountDownLatch(1);
    private UpdatePoller first;
    private UpdatePoller second;

    @AfterEach
    void close() throws Exception {
        never.countDown();
        for (UpdatePoller poller : new UpdatePoller[] {first, second}) {
            if (poller != null) {
                poller.stop();
            }
        }
        timer.shutdownNow();
        database.close();
        telegram.close();
    }

    private UpdatePoller poller(Consumer<Update> handler) {
        var poller = new UpdatePoller(
                http,
                HttpUrl.get(telegram.apiUrl())
                        .newBuilder()
                        .addPathSegment("bot" + telegram.token())
                        .addPathSegment("getUpdates")
                        .build(),
                1,
                new ChatLanes(),
                new AlbumCollector(Duration.ofMillis(200), timer, album -> {}),
                handler,
                updates);
        poller.start();
        return poller;
    }

    private static long chatOf(Update update) {
        return update.getMessage().getChatId();
    }

    @Test
    void anUpdateStillBeingHandledIsConfirmedAndOtherChatsGoOn() {
        List<Long> handled = new CopyOnWriteArrayList<>();
        first = poller(update -> {
            if (chatOf(update) == ALICE.id()) {
                await().forever().until(() -> never.getCount() == 0);
            }
            handled.add(chatOf(update));
        });

        telegram.from(ALICE).text("a slow one");
        // Kept, so Telegram is told it arrived although Alice's update is still being handled.
        await().atMost(WAIT).until(() -> telegram.pendingUpdates() == 0);
        assertThat(updates.received(UpdateHandler.PLATFORM)).hasSize(1);

        telegram.from(BOB).text("a quick one");
        await().atMost(WAIT).until(() -> handled.contains(BOB.id()));
        assertThat(handled).doesNotContain(ALICE.id());
        // Bob's update was handled, so it is no longer kept; Alice's still is.
        await().atMost(WAIT)
                .until(() -> updates.received(UpdateHandler.PLATFORM).size() == 1);

        never.countDown();
        await().atMost(WAIT).until(() -> handled.contains(ALICE.id()));
        await().atMost(WAIT)
                .until(() -> updates.received(UpdateHandler.PLATFORM).isEmpty());
    }

    @Test
    void anUpdateIsHandledWhileItIsKeptAndConfirmedOnlyOnceKept() throws Exception {
        keepingGate = new CountDownLatch(1);
        List<Long> handled = new CopyOnWriteArrayList<>();
        first = poller(update -> handled.add(chatOf(update)));

        telegram.from(ALICE).text("draw a lighthouse");
        // Handled before its keeping has ended: the keeping's commit is not waited for.
        await().atMost(WAIT).until(() -> handled.contains(ALICE.id()));
        // Not confirmed yet, as it is not kept: a crash now would have Telegram send it again.
        assertThat(telegram.pendingUpdates()).isEqualTo(1);

        keepingGate.countDown();
        // Kept, then confirmed by the next poll, and dropped once the keeping had ended.
        await().atMost(WAIT).until(() -> telegram.pendingUpdates() == 0);
        await().atMost(WAIT)
                .until(() -> updates.received(UpdateHandler.PLATFORM).isEmpty());
        assertThat(handled).containsExactly(ALICE.id());
    }

    @Test
    void anUpdateThatCouldNotBeKeptIsConfirmedOnlyOnceHandled() throws Exception {
        keepingFails = true;
        var handling = new CountDownLatch(1);
        List<Long> handled = new CopyOnWriteArrayList<>();
        first = poller(update -> {
            handled.add(chatOf(update));
            await().forever().until(() -> handling.getCount() == 0);
        });

        telegram.from(ALICE).text("draw a lighthouse");
        await().atMost(WAIT).until(() -> handled.contains(ALICE.id()));
        // Its keeping failed while it was handled: Telegram is not told it arrived, so a crash now
        // would have it sent again, while polls go on for other chats.
        telegram.from(BOB).text("a quick one");
        await().atMost(WAIT).until(() -> handled.contains(BOB.id()));
        assertThat(telegram.pendingUpdates()).isEqualTo(2);

        handling.countDown();
        await().atMost(WAIT).until(() -> telegram.pendingUpdates() == 0);
        assertThat(updates.received(UpdateHandler.PLATFORM)).isEmpty();
        assertThat(handled).containsExactly(ALICE.id(), BOB.id());
    }

    @Test
    void anUpdateConfirmedButCutOffByACrashIsHandledByTheNextStart() throws Exception {
        first = poller(update -> await().forever().until(() -> never.getCount() == 0));
        long sent = telegram.from(ALICE).text("draw a lighthouse").messageId();
        await().atMost(WAIT).until(() -> telegram.pendingUpdates() == 0);
        // The process dies: polling stops with the update still being handled; Telegram has forgotten it.
        first.stop();
        first = null;

        List<Update> handled = new CopyOnWriteArrayList<>();
        second = poller(handled::add);

        await().atMost(WAIT).until(() -> handled.size() == 1);
        assertThat(handled.getFirst().getMessage().getMessageId()).isEqualTo((int) sent);
        assertThat(handled.getFirst().getMessage().getText()).isEqualTo("draw a lighthouse");
        await().atMost(WAIT)
                .until(() -> updates.received(UpdateHandler.PLATFORM).isEmpty());
    }
}
