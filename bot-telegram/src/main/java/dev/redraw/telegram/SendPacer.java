package dev.redraw.telegram;

import dev.redraw.core.provider.Sleeper;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps the bot within Telegram's flood limits before Telegram has to say so: about one message a
 * second per chat, twenty a minute per group, thirty a second overall. Each send first takes its
 * chat's next slot (the earliest moment the chat's limits allow) and waits until then; it then
 * passes the overall gate, which lets one send through every {@link #OVERALL}. A 429 answer's
 * {@code retry_after} pushes the chat's next slot back for every send to that chat.
 *
 * <p>The gate is not first come, first served: results and answers go before status messages, and
 * a status message that is no longer wanted by the time its turn comes (its job has finished) is
 * dropped without being sent. A burst of jobs thus fills the overall budget with their results,
 * not with "Queued" messages that would be deleted a moment after they were posted.
 */
final class SendPacer {

    static final Duration PER_CHAT = Duration.ofSeconds(1);
    static final Duration GROUP_WINDOW = Duration.ofMinutes(1);
    static final int GROUP_MAX = 20;
    static final Duration OVERALL = Duration.ofMillis(34);
    /** How long a status message sleeps between looks at whether it is still wanted. */
    static final Duration STATUS_STEP_WAIT = Duration.ofMillis(100);

    /**
     * Told of every slot given, with the chat, the slot's time on the pacer's clock (nanoseconds) and
     * how many messages the send counts as (an album counts as its photos).
     */
    interface Listener {
        Listener NONE = (chat, slotNanos, messages) -> {};

        void granted(long chat, long slotNanos, int messages);
    }

    private static final class Chat {
        long next = Long.MIN_VALUE;
        /** Slots of the last minute, oldest first; kept for groups only. */
        final Deque<Long> recent = new ArrayDeque<>();
    }

    /** Set while a status step runs: the send is a status message, wanted while this says so. */
    private static final ThreadLocal<BooleanSupplier> STATUS_STEP = new ThreadLocal<>();

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Listener listener;
    private final Map<Long, Chat> chats = new HashMap<>();
    private final Gate gate;

    SendPacer(LongSupplier nanoClock, Sleeper sleeper, Listener listener) {
        this(nanoClock, sleeper, listener, OVERALL);
    }

    /** @param overall the overall gate's spacing; zero lets every send through at once */
    SendPacer(LongSupplier nanoClock, Sleeper sleeper, Listener listener, Duration overall) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.gate = new Gate(nanoClock, overall.toNanos());
    }

    static SendPacer real(Sleeper sleeper) {
        return new SendPacer(System::nanoTime, sleeper, Listener.NONE);
    }

    /**
     * Runs {@code step} with its sends counted as status messages: they go after every other send
     * waiting at the overall gate, and are dropped there once {@code wanted} says no.
     */
    static void asStatus(BooleanSupplier wanted, Runnable step) {
        BooleanSupplier before = STATUS_STEP.get();
        STATUS_STEP.set(wanted);
        try {
            step.run();
        } finally {
            if (before == null) {
                STATUS_STEP.remove();
            } else {
                STATUS_STEP.set(before);
            }
        }
    }

    /**
     * Waits until a message may be sent to {@code chat}; false when it is a status message no
     * longer wanted, which must then not be sent.
     */
    boolean await(long chat) throws InterruptedException {
        return await(chat, 1);
    }

    /**
     * Like {@link #await(long)} for a send that posts {@code messages} messages at once (an album of
     * that many photos): Telegram's limits count each of them, so the send waits until the chat's
     * limits have room for all of them, and the chat's next send keeps the distance of that many.
     */
    boolean await(long chat, int messages) throws InterruptedException {
        BooleanSupplier status = STATUS_STEP.get();
        Duration wait = reserve(chat, messages);
        if (status == null) {
            if (wait.isPositive()) {
                sleeper.sleep(wait);
            }
        } else {
            // A status message waits in short steps: once its job has finished it is not wanted,
            // and the result, which waits for it to settle, need not wait out its slot.
            for (Duration left = wait; left.isPositive(); left = left.minus(STATUS_STEP_WAIT)) {
                if (!status.getAsBoolean()) {
                    return false;
                }
                sleeper.sleep(left.compareTo(STATUS_STEP_WAIT) < 0 ? left : STATUS_STEP_WAIT);
            }
        }
        if (!gate.pass(status, messages)) {
            return false;
        }
        sent(chat, messages);
        return true;
    }

    /** A send to {@code chat} passed the gate late: the chat's next send keeps its distance from this one. */
    private synchronized void sent(long chat, int messages) {
        Chat state = chats.computeIfAbsent(chat, id -> new Chat());
        state.next = Math.max(state.next, nanoClock.getAsLong() + PER_CHAT.toNanos() * messages);
    }

    /** Takes the next slot for {@code chat} within its own limits; returns how long from now until it. */
    synchronized Duration reserve(long chat) {
        return reserve(chat, 1);
    }

    /**
     * Takes the next slot for a send of {@code messages} messages to {@code chat}: the earliest
     * moment its limits have room for all of them. Returns how long from now until it.
     */
    synchronized Duration reserve(long chat, int messages) {
        if (messages < 1 || messages > GROUP_MAX) {
            throw new IllegalArgumentException("a send of " + messages + " messages");
        }
        long now = nanoClock.getAsLong();
        Chat state = chats.computeIfAbsent(chat, id -> new Chat());
        long slot = Math.max(now, state.next);
        if (isGroup(chat)) {
            long window = GROUP_WINDOW.toNanos();
            while (!state.recent.isEmpty() && state.recent.peekFirst() <= slot - window) {
                state.recent.pollFirst();
            }
            int over = state.recent.size() + messages - GROUP_MAX;
            if (over > 0) {
                // The oldest sends must be a minute old first, until the last minute has room for these.
                Long[] kept = state.recent.toArray(Long[]::new);
                slot = Math.max(slot, kept[over - 1] + window);
                while (!state.recent.isEmpty() && state.recent.peekFirst() <= slot - window) {
                    state.recent.pollFirst();
                }
            }
            for (int i = 0; i < messages; i++) {
                state.recent.addLast(slot);
            }
        }
        state.next = slot + PER_CHAT.toNanos() * messages;
        forgetIdle(now);
        listener.granted(chat, slot, messages);
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

    /**
     * Lets one send through every {@code spacing} nanoseconds: any send before a status message,
     * and otherwise in the order they came. A status message no longer wanted leaves when its turn
     * comes, without using it.
     */
    private static final class Gate {
        private final LongSupplier clock;
        private final long spacing;
        private final ReentrantLock lock = new ReentrantLock();
        private final PriorityQueue<Ticket> waiting =
                new PriorityQueue<>(Comparator.comparing((Ticket ticket) -> ticket.status != null)
                        .thenComparingLong(ticket -> ticket.number));
        private long number;
        private long next;
        private boolean passedBefore;

        Gate(LongSupplier clock, long spacing) {
            this.clock = clock;
            this.spacing = spacing;
        }

        private record Ticket(BooleanSupplier status, long number, Condition turn) {}

        /**
         * Waits for this send's turn; false when {@code status} (non-null for a status message) says
         * no. A send of several {@code messages} keeps the next one that many spacings away.
         */
        boolean pass(BooleanSupplier status, int messages) throws InterruptedException {
            if (spacing <= 0) {
                return status == null || status.getAsBoolean();
            }
            lock.lock();
            try {
                Ticket ticket = new Ticket(status, number++, lock.newCondition());
                waiting.add(ticket);
                try {
                    while (true) {
                        if (waiting.peek() != ticket) {
                            ticket.turn.await();
                            continue;
                        }
                        if (status != null && !status.getAsBoolean()) {
                            return false;
                        }
                        long now = clock.getAsLong();
                        long wait = passedBefore ? next - now : 0;
                        if (wait <= 0) {
                            passedBefore = true;
                            next = now + spacing * messages;
                            return true;
                        }
                        ticket.turn.await(wait, TimeUnit.NANOSECONDS);
                    }
                } finally {
                    waiting.remove(ticket);
                    Ticket head = waiting.peek();
                    if (head != null) {
                        head.turn.signal();
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
