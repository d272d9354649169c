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
        List<Turn> path = List.of(user("a cat"), model(img("a", MB)), user("make it night"));

        History history = builder.build(path, new HistoryLimits(5, HistoryLimits.DEFAULT_BYTE_BUDGET));

        assertThat(history)
                .isEqualTo(new History(
                        path.stream()
                                .map(t -> new History.Entry(t.role(), t.parts()))
                                .toList(),
                        0));
    }

    @Test
    void aModelThatTakesNoImagesGetsTheTextAlone() {
        History history = build(0, user("a cat", img("upload", MB)), model(img("v1", MB)), user("night"));

        assertThat(imageNames(history)).isEmpty();
        assertThat(history.droppedImages()).isEqualTo(2);
        assertThat(history.instruction().parts()).containsExactly(text("night"));
    }

    @Test
    void negativeImageLimitsAreRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new HistoryLimits(-1, HistoryLimits.DEFAULT_BYTE_BUDGET));
    }

    @Test
    void dropsTheOldestImagesFirstToFitTheModelsImageCount() {
        History history = build(
                2,
                user("a cat", img("upload", MB)),
                model(img("v1", MB)),
                user("night"),
                model(img("v2", MB)),
                user("snow"),
                model(img("v3", MB)),
                user("add a moon"));

        assertThat(imageNames(history)).containsExactly("v2", "v3");
        assertThat(history.droppedImages()).isEqualTo(2);
        assertThat(history.turns()).hasSize(7);
        assertThat(history.turns().get(1).parts()).containsExactly(new Part.Text(HistoryBuilder.OMITTED));
        assertThat(history.turns().getFirst().parts()).containsExactly(text("a cat"));
    }

    @Test
    void dropsTheOldestImagesToFitTheByteBudget() {
        // base64 makes 6 MB into 8 MB: only two fit in 20 MB.
        History history = build(
                10,
                user("a", img("big-old", 6 * MB)),
                model(img("v1", 6 * MB)),
                user("b"),
                model(img("v2", 6 * MB)),
                user("c"));

        assertThat(imageNames(history)).containsExactly("v1", "v2");
        assertThat(history.droppedImages()).isEqualTo(1);
    }

    @Test
    void neverDropsTheNewestImageEvenWhenItAloneIsOverBudget() {
        History history = build(1, user("a", img("old", MB)), model(img("newest", 30 * MB)), user("sharpen it"));

        assertThat(imageNames(history)).containsExactly("newest");
        assertThat(history.instruction().parts()).containsExactly(text("sharpen it"));
    }

    @Test
    void neverDropsTheImagesOfTheNewInstruction() {
        History history = build(
                3,
                user("a", img("old", MB)),
                model(img("answer", MB)),
                user("fuse these", img("p1", MB), img("p2", MB), img("p3", MB)));

        assertThat(imageNames(history)).containsExactly("p1", "p2", "p3");
        assertThat(history.droppedImages()).isEqualTo(2);
    }

    @Test
    void keepsProviderDataOfKeptParts() {
        var data = Optional.of(new dev.redraw.core.conversation.ProviderData("gemini", "{\"thoughtSignature\":\"x\"}"));
        History history = build(
                3, user("a"), model(new Part.Text("done", data), new Part.Image(ref("v1", MB), data)), user("again"));

        assertThat(history.turns().get(1).parts())
                .allSatisfy(p -> assertThat(p.providerData()).isEqualTo(data));
    }

    /** Builds with the default 20 MB byte budget. */
    private History build(int maxImages, Turn... path) {
        return builder.build(List.of(path), new HistoryLimits(maxImages, HistoryLimits.DEFAULT_BYTE_BUDGET));
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

    private static Turn user(String text, Part... images) {
        List<Part> parts = new ArrayList<>();
        parts.add(text(text));
        parts.addAll(List.of(images));
        return turn(Role.USER, parts.toArray(Part[]::new));
    }

    private static Turn model(Part... parts) {
        return turn(Role.MODEL, parts);
    }

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
                Optional.empty(),
                Instant.EPOCH,
                Optional.empty(),
                Optional.empty());
    }
}
