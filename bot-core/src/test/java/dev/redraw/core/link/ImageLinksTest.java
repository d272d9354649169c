package dev.redraw.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcImageLinkStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageLinksTest extends OnEachDatabase {

    ImageLinksTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final byte[] PNG = TestImages.png(8, 6, Color.ORANGE);

    private final Database database = engine.open();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), clock);
    private final ImageRef image = images.put(PNG, "image/png", 8, 6);

    @AfterEach
    void close() {
        database.close();
    }

    private ImageLinks links(Optional<URI> publicUrl) {
        return new ImageLinks(
                new JdbcImageLinkStore(database.dataSource(), clock),
                images,
                publicUrl,
                Duration.ofHours(1),
                clock,
                new SecureRandom());
    }

    private ImageLinks links() {
        return links(Optional.of(URI.create("https://bot.example.com/redraw/")));
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void aLinkIsThePublicUrlAPathAndA256BitTokenThatOpensTheImage() {
        var links = links();

        String link = links.linkTo(image);

        assertThat(link).matches("https://bot\\.example\\.com/redraw/i/[A-Za-z0-9_-]{43}");
        var opened = links.open(token(link)).orElseThrow();
        assertThat(opened.bytes()).isEqualTo(PNG);
        assertThat(opened.mimeType()).isEqualTo("image/png");
        assertThat(opened.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void everyLinkHasItsOwnToken() {
        var links = links();
        var tokens = new HashSet<String>();

        for (int i = 0; i < 50; i++) {
            tokens.add(token(links.linkTo(image)));
        }

        assertThat(tokens).hasSize(50);
    }

    @Test
    void aLinkStopsWorkingWhenItExpires() {
        var links = links();
        String token = token(links.linkTo(image));

        clock.advance(Duration.ofMinutes(59));
        assertThat(links.open(token)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(links.open(token)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-1",
                "99999999999999999999999999999999999999999999999999",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "../../etc/passwd",
                "%2e%2e%2f",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'"
            })
    void aWrongOrMalformedTokenOpensNothing(String token) {
        var links = links();
        links.linkTo(image);

        assertThat(links.open(token)).isEmpty();
    }

    @Test
    void aTokenDiffersInOneCharacterOpensNothing() {
        var links = links();
        String token = token(links.linkTo(image));
        char last = token.charAt(token.length() - 1);
        String changed = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(links.open(changed)).isEmpty();
        assertThat(links.open(token)).isPresent();
    }

    @Test
    void theDatabaseHoldsNoWorkingTokenOnlyItsHash() throws SQLException {
        var links = links();
        String token = token(links.linkTo(image));

        List<String> stored = new ArrayList<>();
        try (var connection = database.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT token_hash FROM image_links")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        assertThat(stored).hasSize(1).doesNotContain(token);
        assertThat(links.open(stored.getFirst())).isEmpty();
    }

    @Test
    void expiredLinksAreSweptWhenNewOnesAreMade() throws SQLException {
        var links = links();
        links.linkTo(image);
        clock.advance(Duration.ofHours(2));

        links.linkTo(image);

        try (var connection = database.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM image_links")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void withoutAPublicUrlNoLinkCanBeMade() {
        var links = links(Optional.empty());

        assertThat(links.available()).isFalse();
        assertThatThrownBy(() -> links.linkTo(image)).isInstanceOf(IllegalStateException.class);
    }
}
