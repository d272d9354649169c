package dev.redraw.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The keys the records read are the keys the shipped file documents. */
class DocumentedKeysTest {

    private static final Path SHIPPED_FILE = Path.of("../config/redraw.yml");

    @Test
    void theShippedFileNamesEveryKeyTheRecordsRead() throws IOException {
        // Given the shipped file, commented-out examples included
        String documented = Files.readString(SHIPPED_FILE);
        List<String> keys = new ArrayList<>();
        collect(Shape.of(RedrawConfig.class), "", keys);

        // Then each key, found from the records' factories, appears in it as a key
        assertThat(keys).hasSizeGreaterThan(80).contains("jobs.max-concurrent", "providers[].models[].native-history");
        for (String key : keys) {
            String name = key.substring(key.lastIndexOf('.') + 1);
            // As a key (commented out or not), or where the comments describe a section's keys
            Pattern line = Pattern.compile("(?m)^[ #]*(- )?" + Pattern.quote(name) + "(:| {2,})");
            assertThat(line.matcher(documented).find())
                    .as("%s is documented in %s", key, SHIPPED_FILE)
                    .isTrue();
        }
    }

    @Test
    void aLeftOutSectionIsReadWithEveryDefault() {
        // Given a file with nothing but a provider, then the sections left out hold their defaults
        RedrawConfig config = Fixtures.load(Fixtures.MINIMAL);

        assertThat(config.jobs()).isEqualTo(JobsConfig.read(null, null, null, null, null, null, null));
        assertThat(config.retries()).isEqualTo(RetriesConfig.defaults());
        assertThat(config.quotas()).isEqualTo(QuotasConfig.defaults());
        assertThat(config.access()).isEqualTo(AccessConfig.defaults());
        assertThat(config.server()).isEqualTo(ServerConfig.defaults());
        assertThat(config.images()).isEqualTo(ImagesConfig.defaults());
        assertThat(config.logging()).isEqualTo(LoggingConfig.defaults());
    }

    private static void collect(Shape shape, String path, List<String> keys) {
        switch (shape) {
            case Shape.Mapping mapping -> {
                for (Shape.Key key : mapping.keys()) {
                    String child = KeyPaths.child(path, key.name());
                    keys.add(child);
                    collect(key.shape(), child, keys);
                }
            }
            case Shape.ListOf list -> collect(list.element(), path + "[]", keys);
            case Shape.ValueOrMapping either -> collect(either.mapping(), path, keys);
            case Shape.Value value -> {}
            case Shape.SecretValue secret -> {}
        }
    }
}
