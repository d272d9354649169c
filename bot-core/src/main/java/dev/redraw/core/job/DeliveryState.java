package dev.redraw.core.job;

/**
 * Whether a finished job's result reached the user. {@code DELIVERING} is written before posting,
 * so a crash between posting and recording is noticed and checked, never blindly posted again.
 */
public enum DeliveryState {
    PENDING,
    DELIVERING,
    DELIVERED,
    /** The platform refused the result for good, for example because the bot left the chat. */
    UNDELIVERABLE
}
