package dev.redraw.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fake's search for multipart delimiters, against a search that tries every index. */
class ApiRequestTest {

    private static final byte[] DELIMITER = "\r\n--b0undary".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ONE_BYTE = {'-'};

    @Test
    void findsTheDelimiterWhereverItStartsAndNotWhereOnlyPartOfItIs() {
        for (byte[] pattern : List.of(DELIMITER, HEADERS_END, ONE_BYTE)) {
            var random = new SplittableRandom(11);
            for (int round = 0; round < 3_000; round++) {
                byte[] data = new byte[random.nextInt(0, 200)];
                for (int i = 0; i < data.length; i++) {
                    // Mostly the pattern's own bytes, so that near misses are common.
                    data[i] = random.nextInt(4) == 0
                            ? (byte) random.nextInt(256)
                            : pattern[random.nextInt(pattern.length)];
                }
                int plants = random.nextInt(4);
                for (int p = 0; p < plants && data.length >= pattern.length; p++) {
                    int at = random.nextInt(data.length - pattern.length + 1);
                    System.arraycopy(pattern, 0, data, at, pattern.length);
                    if (random.nextBoolean()) {
                        // A near miss: one byte of it, anywhere, made different.
                        int wrong = at + random.nextInt(pattern.length);
                        data[wrong] = (byte) (data[wrong] ^ (1 + random.nextInt(255)));
                    }
                }
                int from = random.nextInt(-1, data.length + 2);
                assertThat(ApiRequest.indexOf(data, pattern, from))
                        .as("pattern of %d bytes, round %d, from %d", pattern.length, round, from)
                        .isEqualTo(everyIndex(data, pattern, from));
            }
        }
    }

    @Test
    void findsItAtTheVeryStartAndTheVeryEnd() {
        byte[] data = ("\r\n--b0undary" + "x".repeat(50) + "\r\n--b0undary").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ApiRequest.indexOf(data, DELIMITER, 0)).isZero();
        assertThat(ApiRequest.indexOf(data, DELIMITER, 1)).isEqualTo(data.length - DELIMITER.length);
        assertThat(ApiRequest.indexOf(data, DELIMITER, data.length - DELIMITER.length + 1))
                .isEqualTo(-1);
    }

    private static int everyIndex(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
