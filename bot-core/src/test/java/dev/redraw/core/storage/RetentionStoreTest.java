package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Retention;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** storage.retention with an injected clock, on each database. */
class RetentionStoreTest extends OnEachDatabase {

    private static final Origin ALICE = new Origin("telegram", "100", "alice");
    private static final Duration KEEP = Duration.ofDays(90);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T08:00:00Z"));
    private final Database database = engine.open();
    private final JdbcConversationStore store = new JdbcConversationStore(database.dataSource(), clock);
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), clock);

    RetentionStoreTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theImagesOfConversationsUntouchedForTheRetentionGoAndTheirTurnsAreMarked() {
        ImageRef oldOnly = image("old only");
        ImageRef shared = image("shared");
        Turn oldRequest = user(OptionalLong.empty(), "a cat");
        Turn oldAnswer = model(oldRequest, oldOnly, shared);
        Turn touchedRequest = user(OptionalLong.empty(), "a dog");
        ImageRef touched = image("touched");
        Turn touchedAnswer = model(touchedRequest, touched);

        clock.advance(Duration.ofDays(60));
        // Continued at day 60: the whole conversation counts as touched then.
        Turn touchedAgain = user(OptionalLong.of(touchedAnswer.id()), "at night");
        Turn recentRequest = user(OptionalLong.empty(), "a bird");
        model(recentRequest, shared);

        clock.advance(Duration.ofDays(31));
        var retention = new Retention(store, KEEP, clock);

        assertThat(retention.sweep()).isEqualTo(1);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        assertThat(images.bytes(oldOnly.sha256())).isEmpty();
        assertThat(images.bytes(shared.sha256()))
                .as("still used by a kept conversation")
                .isPresent();
        assertThat(images.bytes(touched.sha256())).isPresent();
        assertThat(store.expiredAt(oldAnswer.id())).hasValue(now);
        assertThat(store.expiredAt(oldRequest.id())).hasValue(now);
        assertThat(store.expiredAt(touchedAgain.id())).isEmpty();
        assertThat(store.expiredAt(recentRequest.id())).isEmpty();
        // The turns stay, so a reply to one is answered with why it cannot go on.
        assertThat(store.path(oldAnswer.id())).extracting(Turn::id).containsExactly(oldRequest.id(), oldAnswer.id());

        assertThat(retention.sweep()).as("a conversation expires once").isZero();
        // The same image sent again: its bytes are stored again, for the new conversation.
        assertThat(images.put("old only".getBytes(), "image/png", 8, 8)).isEqualTo(oldOnly);
        assertThat(images.bytes(oldOnly.sha256())).hasValue("old only".getBytes());
        clock.advance(Duration.ofDays(90));
        assertThat(retention.sweep()).isEqualTo(2);
        assertThat(images.bytes(shared.sha256())).isEmpty();
    }

    private Turn user(OptionalLong parent, String text) {
        return store.append(new NewTurn(
                parent, Role.USER, List.of(new Part.Text(text)), ALICE, Optional.of("m"), Optional.of("1:1")));
    }

    private Turn model(Turn parent, ImageRef... made) {
        return store.append(new NewTurn(
                OptionalLong.of(parent.id()),
                Role.MODEL,
                java.util.Arrays.stream(made).<Part>map(Part.Image::new).toList(),
                ALICE,
                Optional.of("m"),
                Optional.empty()));
    }

    private ImageRef image(String content) {
        return images.put(content.getBytes(), "image/png", 8, 8);
    }
}
