package dev.redraw.core.job;

import java.util.Optional;

/** What is known of a job when it is accepted. */
public record NewJob(Optional<String> requestMessageId, String provider, String model) {}
