package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OriginalsTest extends OnEachDatabase {

    OriginalsTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final Origin ALICE = new Origin("telegram", "100", "1");
    private static final byte[] RED = TestImages.png(40, 30, Color.RED);
    private static final byte[] BLUE = TestImages.jpeg(20, 20, Color.BLUE);

    private final Database database = engine.open();
    private final JdbcConversationStore conversations =
            new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final JdbcImageStore stored = new JdbcImageStore(database.dataSource(), Clock.systemUTC());
    /** The hashes of the images read, in order. */
    private final List<String> reads = new ArrayList<>();

    private final Originals originals = new Originals(new ImageStore() {
        @Override
        public ImageRef put(byte[] bytes, String sha256, String mimeType, int width, int height) {
            return stored.put(bytes, sha256, mimeType, width, height);
        }

        @Override
        public Optional<byte[]> bytes(String sha256) {
            reads.add(sha256);
            return stored.bytes(sha256);
        }

        @Override
        public Optional<ImageRef> find(String sha256) {
            return stored.find(sha256);
        }
    });

    @AfterEach
    void close() {
        database.close();
    }

    /** A model turn showing {@code images}, under a request of Alice's. */
    private Turn answer(List<ImageRef> images) {
        Turn request = conversations.append(new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text("two foxes")),
                ALICE,
                Optional.of("m"),
                Optional.empty()));
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Text("here"));
        images.forEach(image -> parts.add(new Part.Image(image)));
        return conversations.append(new NewTurn(
                OptionalLong.of(request.id()), Role.MODEL, parts, ALICE, Optional.of("m"), Optional.empty()));
    }

    @Test
    void theOriginalsAreTheAnswersImagesInOrderNamedByTheirType() {
        ImageRef red = stored.put(RED, "image/png", 40, 30);
        ImageRef blue = stored.put(BLUE, "image/jpeg", 20, 20);

        var found = originals.of(answer(List.of(red, blue)));

        assertThat(found).extracting(Originals.Original::image).containsExactly(red, blue);
        assertThat(found)
                .extracting(Originals.Original::fileName)
                .containsExactly("redraw-original.png", "redraw-original.jpg");
        assertThat(found.get(0).bytes())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(RED));
        assertThat(found.get(1).bytes())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(BLUE));
    }

    @Test
    void bytesAreReadOnlyWhenAskedForOneImageAtATime() {
        ImageRef red = stored.put(RED, "image/png", 40, 30);
        ImageRef blue = stored.put(BLUE, "image/jpeg", 20, 20);

        var found = originals.of(answer(List.of(red, blue)));
        assertThat(reads).isEmpty();

        found.get(1).bytes();
        assertThat(reads).containsExactly(blue.sha256());
    }

    @Test
    void anImageNoLongerStoredHasNoBytes() {
        var gone = new ImageRef(ImageRef.sha256Of(new byte[] {1, 2, 3}), "image/webp", 10, 10, 3);
        Turn answer = new Turn(
                99,
                OptionalLong.of(98),
                98,
                Role.MODEL,
                List.of(new Part.Image(gone)),
                ALICE,
                Optional.of("m"),
                Optional.empty(),
                Optional.empty(),
                java.time.Instant.EPOCH,
                Optional.empty(),
                Optional.empty());

        var found = originals.of(answer);

        assertThat(found).hasSize(1);
        assertThat(found.getFirst().fileName()).isEqualTo("redraw-original.webp");
        assertThat(found.getFirst().bytes()).isEmpty();
    }

    @Test
    void aTextOnlyAnswerHasNoOriginals() {
        assertThat(originals.of(answer(List.of()))).isEmpty();
    }
}
