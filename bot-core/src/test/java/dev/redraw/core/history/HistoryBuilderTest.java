package dev.redraw.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HistoryBuilderTest {

    private static final long MB = 1024 * 1024;
    private final HistoryBuilder builder = new HistoryBuilder();

    @Test
    void keepsEverythingWhenWithinLimits() {
        List<Turn> path = List.of(
                turn(Role.USER, text("a cat")), turn(Role.MODEL, img("a", MB)), turn(Role.USER, text("make it night")));

        History history = builder.build(path, new HistoryLimits(5, 20 * MB));

        assertThat(history.droppedImages()).isZero();
        assertThat(history.turns()).extracting(History.Entry::role).containsExactly(Role.USER, Role.MODEL, Role.USER);
        assertThat(imageNames(history)).containsExactly("a");
        assertThat(history.instruction().parts()).containsExactly(text("make it night"));
    }

    @Test
    void dropsTheOldestImagesFirstToFitTheModelsImageCount() {
        List<Turn> path = List.of(
                turn(Role.USER, text("a cat"), img("upload", MB)),
                turn(Role.MODEL, img("v1", MB)),
                turn(Role.USER, text("night")),
                turn(Role.MODEL, img("v2", MB)),
                turn(Role.USER, text("snow")),
                turn(Role.MODEL, img("v3", MB)),
                turn(Role.USER, text("add a moon")));

        History history = builder.build(path, new HistoryLimits(2, 20 * MB));

        assertThat(imageNames(history)).containsExactly("v2", "v3");
        assertThat(history.droppedImages()).isEqualTo(2);
        assertThat(history.turns()).hasSize(7);
        assertThat(history.turns().get(1).parts()).containsExactly(new Part.Text(HistoryBuilder.OMITTED));
        assertThat(history.turns().getFirst().parts()).containsExactly(text("a cat"));
    }

    @Test
    void dropsTheOldestImagesToFitTheByteBudget() {
        List<Turn> path = List.of(
                turn(Role.USER, text("a"), img("big-old", 6 * MB)),
                turn(Role.MODEL, img("v1", 6 * MB)),
                turn(Role.USER, text("b")),
                turn(Role.MODEL, img("v2", 6 * MB)),
                turn(Role.USER, text("c")));

        // base64 makes 6 MB into 8 MB: only two fit in 20 MB.
        History history = builder.build(path, new HistoryLimits(10, 20 * MB));

        assertThat(imageNames(history)).containsExactly("v1", "v2");
        assertThat(history.droppedImages()).isEqualTo(1);
    }

    @Test
    void neverDropsTheNewestImageEvenWhenItAloneIsOverBudget() {
        List<Turn> path = List.of(
                turn(Role.USER, text("a"), img("old", MB)),
                turn(Role.MODEL, img("newest", 30 * MB)),
                turn(Role.USER, text("sharpen it")));

        History history = builder.build(path, new HistoryLimits(1, 20 * MB));

        assertThat(imageNames(history)).containsExactly("newest");
        assertThat(history.instruction().parts()).containsExactly(text("sharpen it"));
    }

    @Test
    void neverDropsTheImagesOfTheNewInstruction() {
        List<Turn> path = List.of(
                turn(Role.USER, text("a"), img("old", MB)),
                turn(Role.MODEL, img("answer", MB)),
                turn(Role.USER, text("fuse these"), img("p1", MB), img("p2", MB), img("p3", MB)));

        History history = builder.build(path, new HistoryLimits(3, 20 * MB));

        assertThat(imageNames(history)).containsExactly("p1", "p2", "p3");
        assertThat(history.droppedImages()).isEqualTo(2);
    }

    @Test
    void keepsProviderDataOfKeptParts() {
        var data = Optional.of(new dev.redraw.core.conversation.ProviderData("gemini", "{\"thoughtSignature\":\"x\"}"));
        List<Turn> path = List.of(
                turn(Role.USER, text("a")),
                turn(Role.MODEL, new Part.Text("done", data), new Part.Image(ref("v1", MB), data)),
                turn(Role.USER, text("again")));

        History history = builder.build(path, new HistoryLimits(3, 20 * MB));

        assertThat(history.turns().get(1).parts())
                .allSatisfy(p -> assertThat(p.providerData()).isEqualTo(data));
    }

    private static List<String> imageNames(History history) {
        List<String> names = new ArrayList<>();
        history.turns()
                .forEach(t -> t.parts().forEach(p -> {
                    if (p instanceof Part.Image image) {
                        names.add(NAMES.get(image.image().sha256()));
                    }
                }));
        return names;
    }

    private static final java.util.Map<String, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Part text(String text) {
        return new Part.Text(text);
    }

    private static Part img(String name, long size) {
        return new Part.Image(ref(name, size));
    }

    private static ImageRef ref(String name, long size) {
        String sha = String.format("%064x", new java.math.BigInteger(1, name.getBytes()));
        NAMES.put(sha, name);
        return new ImageRef(sha, "image/png", 1024, 1024, size);
    }

    private static long nextId = 1;

    private static Turn turn(Role role, Part... parts) {
        return new Turn(
                nextId++,
                OptionalLong.empty(),
                1,
                role,
                List.of(parts),
                new Origin("t", "c", "u"),
                Optional.empty(),
                Optional.empty(),
                Instant.EPOCH);
    }
}
