package dev.redraw.telegram;

import dev.redraw.core.provider.Sleeper;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps the bot within Telegram's flood limits before Telegram has to say so: about one message a
 * second per chat, twenty a minute per group, thirty a second overall. Each send asks for a slot;
 * the slot is the earliest moment all three limits allow, and the caller waits until then. A 429
 * answer's {@code retry_after} pushes the chat's next slot back for every send to that chat.
 */
final class SendPacer {

    static final Duration PER_CHAT = Duration.ofSeconds(1);
    static final Duration GROUP_WINDOW = Duration.ofMinutes(1);
    static final int GROUP_MAX = 20;
    static final Duration OVERALL = Duration.ofMillis(34);

    /** Told of every slot given, with the chat and the slot's time on the pacer's clock (nanoseconds). */
    interface Listener {
        Listener NONE = (chat, slotNanos) -> {};

        void granted(long chat, long slotNanos);
    }

    private static final class Chat {
        long next = Long.MIN_VALUE;
        /** Slots of the last minute, oldest first; kept for groups only. */
        final Deque<Long> recent = new ArrayDeque<>();
    }

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Listener listener;
    private final Map<Long, Chat> chats = new HashMap<>();
    private long overallNext = Long.MIN_VALUE;

    SendPacer(LongSupplier nanoClock, Sleeper sleeper, Listener listener) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    static SendPacer real(Sleeper sleeper) {
        return new SendPacer(System::nanoTime, sleeper, Listener.NONE);
    }

    /** Waits until a message may be sent to {@code chat}. */
    void await(long chat) throws InterruptedException {
        Duration wait = reserve(chat);
        if (wait.isPositive()) {
            sleeper.sleep(wait);
        }
    }

    /** Takes the next slot for {@code chat}; returns how long from now until it. */
    synchronized Duration reserve(long chat) {
        long now = nanoClock.getAsLong();
        Chat state = chats.computeIfAbsent(chat, id -> new Chat());
        long slot = Math.max(now, state.next);
        if (isGroup(chat)) {
            long window = GROUP_WINDOW.toNanos();
            while (!state.recent.isEmpty() && state.recent.peekFirst() <= slot - window) {
                state.recent.pollFirst();
            }
            if (state.recent.size() >= GROUP_MAX) {
                // The oldest of the last twenty must be a minute old first.
                Long[] kept = state.recent.toArray(Long[]::new);
                slot = Math.max(slot, kept[kept.length - GROUP_MAX] + window);
                while (!state.recent.isEmpty() && state.recent.peekFirst() <= slot - window) {
                    state.recent.pollFirst();
                }
            }
        }
        slot = Math.max(slot, overallNext);
        if (isGroup(chat)) {
            state.recent.addLast(slot);
        }
        overallNext = slot + OVERALL.toNanos();
        state.next = slot + PER_CHAT.toNanos();
        forgetIdle(now);
        listener.granted(chat, slot);
        return Duration.ofNanos(slot - now);
    }

    /** Telegram asked to wait {@code retryAfter} before sending to {@code chat} again. */
    synchronized void backOff(long chat, Duration retryAfter) {
        Chat state = chats.computeIfAbsent(chat, id -> new Chat());
        state.next = Math.max(state.next, nanoClock.getAsLong() + retryAfter.toNanos());
    }

    private void forgetIdle(long now) {
        if (chats.size() > 1_000) {
            long idle = now - GROUP_WINDOW.toNanos();
            chats.values().removeIf(state -> state.next < idle);
        }
    }

    /** Group and channel ids are negative; private chats have the user's positive id. */
    static boolean isGroup(long chat) {
        return chat < 0;
    }
}
