package dev.redraw.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 2 * 64 * 1024})
    void everyLengthAroundAPieceIsReadWholeAndHashedWithItsLengthOrWithout(int length) throws Exception {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        for (long declared : new long[] {length, -1}) {
            Bodies.Hashed read = Bodies.readHashed(trickling(bytes), declared, length);

            assertThat(read.bytes()).as("declared %d", declared).isEqualTo(bytes);
            assertThat(read.sha256()).as("declared %d", declared).isEqualTo(expected);
            assertThat(Bodies.read(new ByteArrayInputStream(bytes), declared, length))
                    .as("declared %d, unhashed", declared)
                    .isEqualTo(bytes);
        }
        if (length > 0) {
            assertThatThrownBy(() -> Bodies.read(trickling(bytes), -1, length - 1L))
                    .isInstanceOfSatisfying(
                            Bodies.TooLarge.class, e -> assertThat(e.size()).isEqualTo(length));
        }
    }

    @Test
    void aLongDeclaredLengthIsNotTakenOnItsWord() throws Exception {
        long declared = Bodies.PRESIZED + 1;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> Bodies.read(new ByteArrayInputStream(body), declared, 2 * declared))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("7 of its " + declared + " bytes");

        assertThat(threads.getCurrentThreadAllocatedBytes() - before)
                .as("bytes set aside for a body that never came")
                .isLessThan(1024 * 1024);
        assertThat(Bodies.read(zeros(declared), declared, declared)).hasSize((int) declared);
        assertThatThrownBy(() -> Bodies.read(zeros(declared + 1), declared, 2 * declared))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("runs past its declared " + declared + " bytes");
    }

    /** {@code length} zero bytes, made as they are read. */
    private static InputStream zeros(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 0;
            }

            @Override
            public int read(byte[] into, int offset, int wanted) {
                if (left == 0) {
                    return wanted == 0 ? 0 : -1;
                }
                int n = (int) Math.min(wanted, left);
                java.util.Arrays.fill(into, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        };
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
