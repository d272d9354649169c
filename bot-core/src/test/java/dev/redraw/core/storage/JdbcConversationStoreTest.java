package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbcConversationStoreTest extends OnEachDatabase {

    private static final Origin ALICE = new Origin("telegram", "100", "alice");

    private final Database database = engine.open();
    private final JdbcConversationStore store = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), Clock.systemUTC());

    JdbcConversationStoreTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void pathRunsFromTheRootToTheTurnInOrder() {
        Turn root = user(OptionalLong.empty(), "a cat");
        Turn answer = model(root, image("first"));
        Turn edit = user(OptionalLong.of(answer.id()), "make it night");

        List<Turn> path = store.path(edit.id());

        assertThat(path).extracting(Turn::id).containsExactly(root.id(), answer.id(), edit.id());
        assertThat(path).extracting(Turn::rootId).containsOnly(root.id());
        assertThat(path.get(1).images()).hasSize(1);
        assertThat(path.get(2).text()).isEqualTo("make it night");
    }

    @Test
    void severalTurnsAreFoundTogetherAsEachAloneAndUnknownIdsAreLeftOut() {
        Turn root = user(OptionalLong.empty(), "a cat");
        Turn answer = model(root, image("first"));

        var found = store.find(List.of(answer.id(), root.id(), answer.id(), 999_999L));

        assertThat(found).containsOnlyKeys(answer.id(), root.id());
        assertThat(found.get(answer.id())).isEqualTo(store.find(answer.id()).orElseThrow());
        assertThat(found.get(root.id())).isEqualTo(store.find(root.id()).orElseThrow());
        assertThat(store.find(List.<Long>of())).isEmpty();
    }

    @Test
    void continuingAnOlderTurnBranchesAndLeavesOtherBranchesIntact() {
        Turn root = user(OptionalLong.empty(), "a cat");
        Turn first = model(root, image("first"));
        Turn night = user(OptionalLong.of(first.id()), "make it night");
        Turn nightAnswer = model(night, image("night"));
        Turn blue = user(OptionalLong.of(first.id()), "make it blue");
        Turn blueAnswer = model(blue, image("blue"));

        assertThat(store.path(nightAnswer.id()))
                .extracting(Turn::id)
                .containsExactly(root.id(), first.id(), night.id(), nightAnswer.id());
        assertThat(store.path(blueAnswer.id()))
                .extracting(Turn::id)
                .containsExactly(root.id(), first.id(), blue.id(), blueAnswer.id());
        assertThat(store.children(first.id())).extracting(Turn::id).containsExactly(night.id(), blue.id());
    }

    @Test
    void messageLinksResolveToTheirTurnAndCanBeRepointed() {
        Turn root = user(OptionalLong.empty(), "a cat");
        Turn answer = model(root, image("first"));
        var botMessage = new MessageRef("telegram", "100", "42");

        store.link(botMessage, answer.id());
        assertThat(store.resolve(botMessage)).hasValue(answer.id());
        assertThat(store.resolve(new MessageRef("telegram", "101", "42"))).isEmpty();

        var userMessage = new MessageRef("telegram", "100", "41");
        store.link(userMessage, answer.id());
        assertThat(store.links(answer.id())).containsExactlyInAnyOrder(botMessage, userMessage);

        store.link(botMessage, root.id());
        assertThat(store.resolve(botMessage)).hasValue(root.id());
        assertThat(store.links(answer.id())).containsExactly(userMessage);
    }

    @Test
    void providerDataIsStoredVerbatimBesideItsPart() {
        Turn root = user(OptionalLong.empty(), "a cat");
        var signature = new ProviderData("gemini", "{\"thoughtSignature\":\"c2lnbmF0dXJl\\u00e9==\"}");
        Turn answer = store.append(new NewTurn(
                OptionalLong.of(root.id()),
                Role.MODEL,
                List.of(
                        new Part.Text("here", Optional.of(signature)),
                        new Part.Image(image("x"), Optional.of(signature))),
                ALICE,
                Optional.of("gemini-3-pro-image-preview"),
                Optional.empty()));

        Turn loaded = store.find(answer.id()).orElseThrow();

        assertThat(loaded.parts())
                .allSatisfy(part -> assertThat(part.providerData()).contains(signature));
        assertThat(loaded.model()).contains("gemini-3-pro-image-preview");
    }

    @Test
    void highestMessageNumberCountsOnlyThatChat() {
        Turn root = user(OptionalLong.empty(), "a cat");
        assertThat(store.highestMessageNumber("console", "local")).isEmpty();
        store.link(new MessageRef("console", "local", "3"), root.id());
        store.link(new MessageRef("console", "local", "12"), root.id());
        store.link(new MessageRef("console", "other", "99"), root.id());

        assertThat(store.highestMessageNumber("console", "local")).hasValue(12);
    }

    @Test
    void forgettingDeletesTheBytesOfImagesNoOneElseUses() {
        Turn root = user(OptionalLong.empty(), "a cat");
        ImageRef mine = image("mine");
        ImageRef shared = image("shared");
        model(root, mine);
        model(root, shared);
        var bob = new Origin("telegram", "100", "bob");
        Turn bobs = store.append(new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Image(shared)),
                bob,
                Optional.of("m"),
                Optional.empty()));

        store.forget("telegram", "alice");

        assertThat(images.bytes(mine.sha256())).isEmpty();
        assertThat(images.find(mine.sha256())).isEmpty();
        assertThat(images.bytes(shared.sha256()))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo("shared".getBytes()));
        assertThat(store.find(bobs.id())).isPresent();
    }

    @Test
    void unknownTurnHasAnEmptyPath() {
        assertThat(store.path(12345)).isEmpty();
        assertThat(store.find(12345)).isEmpty();
    }

    private Turn user(OptionalLong parent, String text) {
        return store.append(new NewTurn(
                parent, Role.USER, List.of(new Part.Text(text)), ALICE, Optional.of("m"), Optional.of("1:1")));
    }

    private Turn model(Turn parent, ImageRef image) {
        return store.append(new NewTurn(
                OptionalLong.of(parent.id()),
                Role.MODEL,
                List.of(new Part.Image(image)),
                ALICE,
                Optional.of("m"),
                Optional.empty()));
    }

    private ImageRef image(String content) {
        return images.put(content.getBytes(), "image/png", 8, 8);
    }
}
