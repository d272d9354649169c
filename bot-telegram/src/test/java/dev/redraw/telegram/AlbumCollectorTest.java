package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;

class AlbumCollectorTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<List<Integer>> albums = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private AlbumCollector collector(Duration debounce) {
        return new AlbumCollector(
                debounce,
                timer,
                items -> albums.add(items.stream().map(Message::getMessageId).toList()));
    }

    /** A collector whose first poll was answered with {@code items}. */
    private AlbumCollector answered(Duration debounce, Message... items) {
        var collector = collector(debounce);
        collector.pollAnswered();
        for (Message item : items) {
            collector.add(item);
        }
        return collector;
    }

    private static Message item(long chat, String group, int messageId) {
        var message = new Message();
        message.setMessageId(messageId);
        message.setChat(Chat.builder().id(chat).type("private").build());
        message.setMediaGroupId(group);
        return message;
    }

    private List<Integer> next() throws InterruptedException {
        return albums.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void anAlbumIsCompleteOnceAPollAnsweredAfterItsItemsBroughtNothingMore() throws Exception {
        var collector = answered(Duration.ofMinutes(5), item(1, "g", 12), item(1, "g", 11));

        assertThat(collector.beforePoll())
                .as("open: the next poll should not wait")
                .isTrue();
        assertThat(albums.poll(100, TimeUnit.MILLISECONDS)).isNull();

        collector.pollAnswered();
        assertThat(collector.beforePoll()).isFalse();
        assertThat(next()).containsExactly(11, 12);
    }

    @Test
    void itemsInTheNextAnswerStillJoinTheirAlbum() throws Exception {
        var collector = answered(Duration.ofMinutes(5), item(1, "g", 1));
        assertThat(collector.beforePoll()).isTrue();

        collector.pollAnswered();
        collector.add(item(1, "g", 2));
        collector.add(item(1, "other", 3));
        assertThat(collector.beforePoll()).isTrue();
        assertThat(albums.poll(100, TimeUnit.MILLISECONDS)).isNull();

        collector.pollAnswered();
        assertThat(collector.beforePoll()).isFalse();
        assertThat(List.of(next(), next())).containsExactlyInAnyOrder(List.of(1, 2), List.of(3));
    }

    @Test
    void aPollThatFailedDoesNotCompleteAnAlbumButTheDebounceStillDoes() throws Exception {
        var collector = answered(Duration.ofMillis(300), item(1, "g", 1), item(1, "g", 2));

        // The poll after the items failed: no answer was counted.
        assertThat(collector.beforePoll()).isTrue();
        assertThat(collector.beforePoll()).isTrue();

        assertThat(next()).as("completed by the debounce").containsExactly(1, 2);
        assertThat(collector.beforePoll()).isFalse();
    }

    @Test
    void albumsOfTwoChatsWithTheSameGroupIdStaySeparate() throws Exception {
        var collector = answered(Duration.ofMinutes(5), item(1, "g", 1), item(2, "g", 1));
        collector.pollAnswered();

        assertThat(collector.beforePoll()).isFalse();
        assertThat(List.of(next(), next())).containsExactly(List.of(1), List.of(1));
        assertThat(albums.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }
}
