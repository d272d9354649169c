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
 * with no count and no end marker. The Bot API creates an album's messages together, so an album is
 * complete once a long poll answered after its last item brought nothing more for it: the bot then
 * polls at once instead of waiting, and the album goes on within one round trip. Should polls fail
 * meanwhile, the album is taken as complete when no item arrived for the debounce time. Items are
 * handed on in the order they were sent. Items are handled on their chat's lane, so the poller
 * announces each item as it arrives ({@link #arriving}) and its lane when it is through
 * ({@link #settled}): an album is never taken as complete while an item of it is still on its way.
 */
final class AlbumCollector {

    private final Duration debounce;
    private final ScheduledExecutorService timer;
    private final Consumer<List<Message>> onAlbum;
    private final Map<String, Pending> pending = new HashMap<>();
    /** Long polls Telegram answered so far; an item is stamped with the count when it arrives. */
    private long pollsAnswered;

    AlbumCollector(Duration debounce, ScheduledExecutorService timer, Consumer<List<Message>> onAlbum) {
        this.debounce = debounce;
        this.timer = timer;
        this.onAlbum = onAlbum;
    }

    /** An album item was fetched and is about to be handled; does nothing for other messages. */
    synchronized void arriving(Message item) {
        if (item != null && item.getMediaGroupId() != null) {
            pending.computeIfAbsent(key(item), k -> new Pending()).unsettled++;
        }
    }

    /** An item announced by {@link #arriving} was handled (added, or dropped as not for the bot). */
    void settled(Message item) {
        if (item == null || item.getMediaGroupId() == null) {
            return;
        }
        String key = key(item);
        boolean lateCompletion = false;
        synchronized (this) {
            Pending album = pending.get(key);
            if (album == null) {
                return;
            }
            album.unsettled = Math.max(0, album.unsettled - 1);
            if (album.unsettled == 0 && album.items.isEmpty()) {
                pending.remove(key);
            } else if (album.unsettled == 0 && album.timedOut) {
                lateCompletion = true;
            }
        }
        if (lateCompletion) {
            timer.execute(() -> complete(key));
        }
    }

    private static String key(Message item) {
        return item.getChatId() + "/" + item.getMediaGroupId();
    }

    synchronized void add(Message item) {
        String key = key(item);
        Pending album = pending.computeIfAbsent(key, k -> new Pending());
        album.items.add(item);
        album.lastPoll = pollsAnswered;
        if (album.timeout != null) {
            album.timeout.cancel(false);
        }
        album.timedOut = false;
        album.timeout = timer.schedule(() -> timedOut(key), debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A long poll was answered: its updates, if any, are handed to {@link #add} next. */
    synchronized void pollAnswered() {
        pollsAnswered++;
    }

    /**
     * Called before each long poll, once the updates of the previous one were handled: completes the
     * albums that an answered poll left alone since their last item. Returns whether an album is still
     * open, in which case the next poll should not wait for updates.
     */
    boolean beforePoll() {
        List<String> done = new ArrayList<>();
        boolean open;
        synchronized (this) {
            pending.forEach((key, album) -> {
                if (album.unsettled == 0 && !album.items.isEmpty() && album.lastPoll < pollsAnswered) {
                    done.add(key);
                }
            });
            open = pending.values().stream().anyMatch(album -> !album.items.isEmpty() || album.unsettled > 0)
                    && pending.size() > done.size();
        }
        // Handing an album on downloads its images: not on the polling thread.
        done.forEach(key -> timer.execute(() -> complete(key)));
        return open;
    }

    private void timedOut(String key) {
        synchronized (this) {
            Pending album = pending.get(key);
            if (album == null) {
                return;
            }
            if (album.unsettled > 0) {
                // An item is still on its way: complete once it is through.
                album.timedOut = true;
                return;
            }
        }
        complete(key);
    }

    private void complete(String key) {
        List<Message> items;
        synchronized (this) {
            Pending album = pending.get(key);
            if (album == null || album.unsettled > 0 || album.items.isEmpty()) {
                return;
            }
            pending.remove(key);
            if (album.timeout != null) {
                album.timeout.cancel(false);
            }
            items = new ArrayList<>(album.items);
        }
        items.sort(Comparator.comparing(Message::getMessageId));
        onAlbum.accept(items);
    }

    private static final class Pending {
        final List<Message> items = new ArrayList<>();
        ScheduledFuture<?> timeout;
        long lastPoll;
        /** Items announced and not yet through their chat's lane. */
        int unsettled;
        /** The debounce ran out while an item was still on its way. */
        boolean timedOut;
    }
}
