package dev.redraw.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Gathers an album's items. Telegram sends each item as its own update, sharing a media group id,
 * with no count and no end marker; the album is taken as complete when no item arrived for the
 * debounce time, and its items are handed on in the order they were sent.
 */
final class AlbumCollector {

    private final Duration debounce;
    private final ScheduledExecutorService timer;
    private final Consumer<List<Message>> onAlbum;
    private final Map<String, Pending> pending = new HashMap<>();

    AlbumCollector(Duration debounce, ScheduledExecutorService timer, Consumer<List<Message>> onAlbum) {
        this.debounce = debounce;
        this.timer = timer;
        this.onAlbum = onAlbum;
    }

    synchronized void add(Message item) {
        String key = item.getChatId() + "/" + item.getMediaGroupId();
        Pending album = pending.computeIfAbsent(key, k -> new Pending());
        album.items.add(item);
        if (album.timeout != null) {
            album.timeout.cancel(false);
        }
        album.timeout = timer.schedule(() -> complete(key), debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void complete(String key) {
        List<Message> items;
        synchronized (this) {
            Pending album = pending.remove(key);
            if (album == null) {
                return;
            }
            items = new ArrayList<>(album.items);
        }
        items.sort(Comparator.comparing(Message::getMessageId));
        onAlbum.accept(items);
    }

    private static final class Pending {
        final List<Message> items = new ArrayList<>();
        ScheduledFuture<?> timeout;
    }
}
