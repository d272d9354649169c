package dev.redraw.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A pooled connection to the bot's database, migrated to the current schema when opened. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the pool and applies pending Flyway migrations. */
    public static Database open(Settings settings) {
        var config = new HikariConfig();
        config.setJdbcUrl(durable(settings.url()));
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("redraw-db");
        var dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * An H2 file database writes commits to disk after a delay by default; a crash in that window
     * would lose accepted requests, so commits are written at once. Its page cache scales with the
     * heap (hundreds of megabytes on a large machine) and would mostly hold image bytes, which are
     * rarely read twice: it is held to 8 MB. Settings already in the URL are kept.
     */
    static String durable(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String tuned = upper.contains("WRITE_DELAY") ? url : url + ";WRITE_DELAY=0";
        return upper.contains("CACHE_SIZE") ? tuned : tuned + ";CACHE_SIZE=" + H2_CACHE_KB;
    }

    /** The H2 page cache, in kilobytes. */
    static final int H2_CACHE_KB = 8 * 1024;

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Connection settings; the password is kept out of {@link #toString()}. */
    public record Settings(String url, Optional<String> user, Optional<String> password, int poolSize) {
        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be positive");
            }
        }

        public static Settings of(String url) {
            return new Settings(url, Optional.empty(), Optional.empty(), 4);
        }

        @Override
        public String toString() {
            return "Settings[url=" + url + ", user=" + user.orElse("") + ", poolSize=" + poolSize + "]";
        }
    }
}
