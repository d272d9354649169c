package dev.redraw.core.request;

import java.util.Objects;
import java.util.Optional;

/**
 * What a job's owner chose about how they are told: the language the platform last reported for
 * them (empty: the default texts), and whether they want results only they see, where the
 * platform can show them so.
 */
public record Recipient(Optional<String> language, boolean privateResults) {

    public Recipient {
        Objects.requireNonNull(language, "language");
    }
}
