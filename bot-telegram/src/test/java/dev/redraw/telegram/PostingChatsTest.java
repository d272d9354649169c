package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostingChatsTest {

    private final PostingChats posting = new PostingChats();

    @Test
    void aChatWithNothingBeingPostedIsDoneAtOnce() throws Exception {
        posting.begin(2);

        assertThat(posting.awaitDone(1, Duration.ZERO)).isTrue();
    }

    @Test
    void aReplyWaitsUntilEveryPostingToItsChatEnded() throws Exception {
        posting.begin(1);
        posting.begin(1);
        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return posting.awaitDone(1, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        posting.end(1);
        assertThat(waiting).as("one posting is still under way").isNotCompleted();
        await("the reply waits while a posting is under way")
                .during(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !waiting.isDone());
        posting.end(1);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theWaitEndsWithFalseWhenAPostingNeverEnds() throws Exception {
        posting.begin(1);

        assertThat(posting.awaitDone(1, Duration.ofMillis(50))).isFalse();
    }

    @Test
    void settlingGivesUpWhenTheWaitingThreadIsInterrupted() {
        posting.begin(1);
        Thread.currentThread().interrupt();

        assertThat(posting.settle(1)).isFalse();
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        assertThat(posting.settle(2)).isTrue();
    }
}
