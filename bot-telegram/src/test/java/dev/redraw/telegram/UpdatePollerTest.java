package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.telegram.fake.FakeTelegram;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The poller against the fake Telegram, which keeps answering with an update until an offset confirms it. */
class UpdatePollerTest extends TelegramTestBase {

    @Test
    void anUpdateStillBeingHandledIsWaitedForNotFetchedAgainAndAgain() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        harness.startPolling();
        telegram.holdDownloads();

        // Alice's photo is downloaded while its update is handled: the update stays in flight.
        telegram.from(ALICE).photo(RED, "make it blue");
        telegram.awaitCall("getFile", WAIT);
        long before = telegram.callCount("getUpdates");

        // Kept and confirmed, the update is not fetched again: polls are long polls, each held by the
        // fake for up to LONG_POLL_CAP, not a poll every few milliseconds.
        long longPolls = Duration.ofSeconds(5).dividedBy(FakeTelegram.LONG_POLL_CAP) + 2;
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(8))
                .until(() -> telegram.callCount("getUpdates") - before <= longPolls);
        assertThat(telegram.pendingUpdates()).isZero();

        // Another chat is still served meanwhile.
        telegram.from(BOB).text("a red fox");
        awaitSent(BOB.id(), photo());
        assertThat(telegram.sent(ALICE.id())).noneMatch(m -> m.photo());

        telegram.releaseDownloads();
        awaitSent(ALICE.id(), photo());
        await().atMost(WAIT).until(() -> telegram.pendingUpdates() == 0);
        assertThat(harness.idle()).isTrue();
        assertThat(telegram.sent(ALICE.id()).stream().filter(m -> m.photo())).hasSize(1);
    }
}
