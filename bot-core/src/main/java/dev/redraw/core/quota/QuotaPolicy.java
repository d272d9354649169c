package dev.redraw.core.quota;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Spending limits.
 *
 * @param imagesPerUser images one user may make within the rolling {@code window}
 * @param globalDailyImages images everyone together may make per UTC day, if capped
 * @param overrides a different per-user limit inside a chat or guild, keyed {@code platform:id}
 */
public record QuotaPolicy(
        int imagesPerUser, Duration window, OptionalInt globalDailyImages, Map<String, Integer> overrides) {

    public static final QuotaPolicy DEFAULTS = new QuotaPolicy(50, Duration.ofHours(24), OptionalInt.empty(), Map.of());

    public QuotaPolicy {
        overrides = Map.copyOf(overrides);
        if (imagesPerUser < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("invalid quota policy");
        }
    }
}
