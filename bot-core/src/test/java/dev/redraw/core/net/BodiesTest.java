package dev.redraw.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
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

    @Test
    void aHashedBodyIsHashedWholeWhateverPiecesItArrivesIn() throws Exception {
        byte[] large = new byte[3 * 64 * 1024 + 123];
        new Random(5).nextBytes(large);
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(large));

        for (long declared : new long[] {large.length, -1}) {
            Bodies.Hashed read = Bodies.readHashed(trickling(large), declared, large.length);

            assertThat(read.bytes()).as("declared %d", declared).isEqualTo(large);
            assertThat(read.sha256()).as("declared %d", declared).isEqualTo(expected);
        }
        assertThat(Bodies.Hashed.of(large).sha256()).isEqualTo(expected);
        assertThat(Bodies.readHashed(new ByteArrayInputStream(new byte[0]), -1, 10)
                        .sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aHashedBodyKeepsTheLimitsOfAPlainOne() {
        byte[] large = new byte[2 * 64 * 1024];
        assertThatThrownBy(() -> Bodies.readHashed(trickling(large), -1, large.length - 1))
                .isInstanceOfSatisfying(
                        Bodies.TooLarge.class, e -> assertThat(e.size()).isEqualTo(large.length));
        assertThatThrownBy(() -> Bodies.readHashed(trickling(large), large.length + 1, large.length + 1))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining(large.length + " of its " + (large.length + 1) + " bytes");
    }

    /** A stream handing out its bytes a few hundred at a time, as a slow download does. */
    private static InputStream trickling(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            private final Random sizes = new Random(9);

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                return super.read(into, offset, Math.min(length, 1 + sizes.nextInt(700)));
            }
        };
    }
}
