package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How many images people may generate. Admins ({@link AccessConfig#admins()}) are exempt.
 *
 * @param imagesPerUser how many images one user may generate within {@code window}; 0 means nobody
 *     but admins may generate
 * @param window the rolling window {@code imagesPerUser} counts over
 * @param globalDailyImages how many images everyone together may generate per UTC day; empty means no
 *     cap
 * @param overrides different per-user limits inside particular chats or guilds; at most one per chat
 *     or guild
 */
public record QuotasConfig(
        int imagesPerUser, Duration window, OptionalInt globalDailyImages, List<QuotaOverride> overrides) {

    public static final int DEFAULT_IMAGES_PER_USER = 50;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    static final int MAX_IMAGES_PER_USER = 1_000_000;
    private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(30);
    private static final int MAX_GLOBAL_DAILY_IMAGES = 10_000_000;

    public QuotasConfig {
        Values.requireRange(imagesPerUser, "images-per-user", 0, MAX_IMAGES_PER_USER);
        Durations.requireRange(window, "window", MIN_WINDOW, MAX_WINDOW);
        Objects.requireNonNull(globalDailyImages, "globalDailyImages");
        globalDailyImages.ifPresent(cap -> Values.requireRange(cap, "global-daily-images", 1, MAX_GLOBAL_DAILY_IMAGES));
        Values.require(overrides, "overrides");
        for (int i = 0; i < overrides.size(); i++) {
            Values.require(overrides.get(i), KeyPaths.index("overrides", i));
        }
        overrides = List.copyOf(overrides);
        Values.requireUnique(
                overrides,
                "overrides",
                QuotaOverride::scopeKey,
                override -> override.scope().toString(),
                "override for");
    }

    public static QuotasConfig defaults() {
        return new QuotasConfig(DEFAULT_IMAGES_PER_USER, DEFAULT_WINDOW, OptionalInt.empty(), List.of());
    }

    @JsonCreator
    static QuotasConfig read(
            @JsonProperty("images-per-user") Integer imagesPerUser,
            @JsonProperty("window") Duration window,
            @JsonProperty("global-daily-images") Integer globalDailyImages,
            @JsonProperty("overrides") List<QuotaOverride> overrides) {
        return new QuotasConfig(
                Objects.requireNonNullElse(imagesPerUser, DEFAULT_IMAGES_PER_USER),
                Objects.requireNonNullElse(window, DEFAULT_WINDOW),
                globalDailyImages == null ? OptionalInt.empty() : OptionalInt.of(globalDailyImages),
                Objects.requireNonNullElse(overrides, List.of()));
    }
}
