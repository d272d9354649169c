package dev.redraw.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BodiesTest {

    private final byte[] body = {1, 2, 3, 4, 5, 6, 7};

    @Test
    void aDeclaredLengthIsReadIntoOneArrayOfThatSize() throws IOException {
        assertThat(Bodies.read(new ByteArrayInputStream(body), 7, 100)).containsExactly(body);
    }

    @Test
    void aBodyWithoutALengthIsReadToItsEnd() throws IOException {
        assertThat(Bodies.read(new ByteArrayInputStream(body), -1, 7)).containsExactly(body);
    }

    @Test
    void aBodyEndingBeforeItsDeclaredLengthIsRefused() {
        assertThatThrownBy(() -> Bodies.read(new ByteArrayInputStream(body), 9, 100))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("7 of its 9 bytes");
    }

    @Test
    void aBodyRunningPastItsDeclaredLengthIsRefused() {
        assertThatThrownBy(() -> Bodies.read(new ByteArrayInputStream(body), 5, 100))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("runs past its declared 5 bytes");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherDeclaredOrRead() throws IOException {
        var closed = new AtomicBoolean();
        InputStream declared = new ByteArrayInputStream(body) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThatThrownBy(() -> Bodies.read(declared, 7, 6)).isInstanceOfSatisfying(Bodies.TooLarge.class, e -> {
            assertThat(e.size()).isEqualTo(7);
            assertThat(e.max()).isEqualTo(6);
        });
        assertThat(declared.available())
                .as("nothing read of a body declared too large")
                .isEqualTo(7);
        assertThat(closed).isTrue();
        assertThatThrownBy(() -> Bodies.read(new ByteArrayInputStream(body), -1, 6))
                .isInstanceOfSatisfying(
                        Bodies.TooLarge.class, e -> assertThat(e.size()).isEqualTo(7));
    }
}
