package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseUrlTest {

    @Test
    void anH2FileDatabaseWritesCommitsAtOnceAndKeepsASmallPageCache() {
        assertThat(Database.durable("jdbc:h2:file:./data/redraw;AUTO_SERVER=FALSE"))
                .isEqualTo(
                        "jdbc:h2:file:./data/redraw;AUTO_SERVER=FALSE;WRITE_DELAY=0;CACHE_SIZE=8192;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
        assertThat(Database.durable("jdbc:h2:/srv/redraw"))
                .isEqualTo("jdbc:h2:/srv/redraw;WRITE_DELAY=0;CACHE_SIZE=8192;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
        assertThat(Database.durable("jdbc:h2:~/redraw"))
                .isEqualTo("jdbc:h2:~/redraw;WRITE_DELAY=0;CACHE_SIZE=8192;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
        assertThat(Database.durable("jdbc:h2:file:C:\\redraw\\db"))
                .isEqualTo(
                        "jdbc:h2:file:C:\\redraw\\db;WRITE_DELAY=0;CACHE_SIZE=8192;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
    }

    @Test
    void aFileSystemOrServerTheUrlNamesIsKept() {
        assertThat(Database.durable("jdbc:h2:nio:./d"))
                .isEqualTo("jdbc:h2:nio:./d;WRITE_DELAY=0;CACHE_SIZE=8192;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
        assertThat(Database.durable("jdbc:h2:async:./d"))
                .isEqualTo("jdbc:h2:async:./d;WRITE_DELAY=0;CACHE_SIZE=8192;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
        assertThat(Database.durable("jdbc:h2:tcp://localhost/~/d"))
                .isEqualTo(
                        "jdbc:h2:tcp://localhost/~/d;WRITE_DELAY=0;CACHE_SIZE=8192;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
    }

    @Test
    void settingsTheOperatorGaveAreKept() {
        assertThat(Database.durable("jdbc:h2:file:./d;cache_size=65536"))
                .isEqualTo("jdbc:h2:file:./d;cache_size=65536;WRITE_DELAY=0;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
        assertThat(Database.durable("jdbc:h2:file:./d;QUERY_CACHE_SIZE=16"))
                .isEqualTo("jdbc:h2:file:./d;QUERY_CACHE_SIZE=16;WRITE_DELAY=0;CACHE_SIZE=8192;LOCK_TIMEOUT=30000");
        assertThat(Database.durable("jdbc:h2:file:./d;WRITE_DELAY=500"))
                .isEqualTo("jdbc:h2:file:./d;WRITE_DELAY=500;CACHE_SIZE=8192;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000");
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        assertThat(Database.durable("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1"))
                .as("in memory: only the lock timeout")
                .isEqualTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
        assertThat(Database.durable("jdbc:h2:mem:x;lock_timeout=500")).isEqualTo("jdbc:h2:mem:x;lock_timeout=500");
        assertThat(Database.durable("jdbc:postgresql://localhost/redraw"))
                .isEqualTo("jdbc:postgresql://localhost/redraw");
    }

    @Test
    void theDatabaseRunsWithTheseSettings(@TempDir Path directory) throws Exception {
        try (var database = Database.open(Database.Settings.of("jdbc:h2:file:" + directory.resolve("db")));
                var connection = database.dataSource().getConnection();
                var query = connection.prepareStatement(
                        "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                                + " WHERE SETTING_NAME IN ('CACHE_SIZE', 'QUERY_CACHE_SIZE') ORDER BY SETTING_NAME");
                var rows = query.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("CACHE_SIZE");
            assertThat(rows.getString(2)).isEqualTo("8192");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("QUERY_CACHE_SIZE");
            assertThat(rows.getString(2)).isEqualTo("256");
        }
    }
}
