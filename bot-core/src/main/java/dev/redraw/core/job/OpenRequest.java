package dev.redraw.core.job;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A request a platform was promised an answer to.
 *
 * @param job the job made for it (whose request message id is {@code requestId}), if any
 */
public record OpenRequest(String requestId, String userId, String address, Instant openedAt, OptionalLong job) {}
