package dev.redraw.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlattenedTest {

    private static ImageRef ref(int n) {
        return new ImageRef(String.format("%064d", n), "image/png", 8, 8, 10);
    }

    private static History.Entry turn(Role role, Part... parts) {
        return new History.Entry(role, List.of(parts));
    }

    @Test
    void theInstructionsOwnImagesComeFirstInOrderThenTheNewestEarlierOnes() {
        var history = new History(
                List.of(
                        turn(Role.USER, new Part.Text("a fox"), new Part.Image(ref(1))),
                        turn(Role.MODEL, new Part.Image(ref(2))),
                        turn(Role.USER, new Part.Text("night")),
                        turn(Role.MODEL, new Part.Image(ref(3))),
                        turn(
                                Role.USER,
                                new Part.Text("blend these in"),
                                new Part.Image(ref(4)),
                                new Part.Image(ref(5)))),
                0);

        Flattened flat = Flattened.of(history, 4);

        assertThat(flat.instruction()).isEqualTo("blend these in");
        assertThat(flat.images()).containsExactly(ref(4), ref(5), ref(3), ref(2));
    }

    @Test
    void aContinuationSendsTheNewestImageFirst() {
        var history = new History(
                List.of(
                        turn(Role.USER, new Part.Text("a fox")),
                        turn(Role.MODEL, new Part.Image(ref(1))),
                        turn(Role.USER, new Part.Text("night")),
                        turn(Role.MODEL, new Part.Image(ref(2))),
                        turn(Role.USER, new Part.Text("add snow"))),
                0);

        assertThat(Flattened.of(history, 1).images()).containsExactly(ref(2));
        assertThat(Flattened.of(history, 5).images()).containsExactly(ref(2), ref(1));
    }
}
