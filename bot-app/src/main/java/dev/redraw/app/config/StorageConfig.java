package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The database that keeps conversations and images.
 *
 * @param url a JDBC URL; the default is an embedded H2 file so the bot runs without a server
 * @param user the database user, if the database needs one
 * @param password the database password, read from the environment
 * @param poolSize the maximum number of pooled connections
 */
public record StorageConfig(
        String url, Optional<String> user, Optional<Secret> password, int poolSize, Optional<Duration> retention) {

    public static final String DEFAULT_URL = "jdbc:h2:file:./data/redraw;AUTO_SERVER=FALSE";
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final int MIN_POOL_SIZE = 1;
    public static final int MAX_POOL_SIZE = 100;
    public static final Duration MIN_RETENTION = Duration.ofDays(1);
    public static final Duration MAX_RETENTION = Duration.ofDays(3650);

    public StorageConfig {
        Values.require(url, "url");
        // The URL itself is not echoed: people sometimes put credentials in it.
        if (!url.startsWith("jdbc:")) {
            throw ConfigException.at("url", "must be a JDBC URL starting with 'jdbc:'");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Values.requireRange(poolSize, "pool-size", MIN_POOL_SIZE, MAX_POOL_SIZE);
        Objects.requireNonNull(retention, "retention");
        retention.ifPresent(keep -> Durations.requireRange(keep, "retention", MIN_RETENTION, MAX_RETENTION));
    }

    /** Storage that keeps every conversation's images. */
    public StorageConfig(String url, Optional<String> user, Optional<Secret> password, int poolSize) {
        this(url, user, password, poolSize, Optional.empty());
    }

    public static StorageConfig defaults() {
        return new StorageConfig(DEFAULT_URL, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE);
    }

    @JsonCreator
    static StorageConfig read(
            @JsonProperty("url") String url,
            @JsonProperty("user") String user,
            @JsonProperty("password") SecretText password,
            @JsonProperty("pool-size") Integer poolSize,
            @JsonProperty("retention") Duration retention,
            @JacksonInject(ConfigBinding.ENV) Map<String, String> env,
            @JacksonInject(ConfigBinding.PATHS) RelativePaths paths) {
        return new StorageConfig(
                paths.jdbcUrl(Objects.requireNonNullElse(url, DEFAULT_URL)),
                Optional.ofNullable(user),
                password == null
                        ? Optional.empty()
                        : SecretReference.parse(password.text(), "password", "REDRAW_DB_PASSWORD")
                                .resolve(env),
                Objects.requireNonNullElse(poolSize, DEFAULT_POOL_SIZE),
                Optional.ofNullable(retention));
    }
}
