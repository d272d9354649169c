package dev.redraw.core.request;

/** One of a user's requests in progress, offered by a bare {@code /cancel}: its job and its prompt. */
public record CancelChoice(long jobId, String prompt) {}
