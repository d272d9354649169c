package dev.redraw.core.job;

/** Where an accepted job stands: starting at once, or waiting behind others. */
public sealed interface QueueState {

    /** The job starts right away: there is nothing to wait for, so no queue is shown. */
    record StartsNow() implements QueueState {}

    /** The job waits; {@code ahead} jobs will start before it (0: it is next). */
    record Waiting(int ahead) implements QueueState {
        public Waiting {
            if (ahead < 0) {
                throw new IllegalArgumentException("ahead must not be negative: " + ahead);
            }
        }
    }
}
