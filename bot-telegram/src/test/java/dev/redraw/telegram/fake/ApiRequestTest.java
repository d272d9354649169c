package dev.redraw.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fake's search for multipart delimiters, against a search that tries every index. */
class ApiRequestTest {

    private static final byte[] DELIMITER = "\r\n--b0undary".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void findsTheDelimiterWhereverItStartsAndNotWhereOnlyPartOfItIs() {
        var random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] data = new byte[random.nextInt(0, 200)];
            for (int i = 0; i < data.length; i++) {
                // Mostly the delimiter's own bytes, so that near misses are common.
                data[i] = random.nextInt(4) == 0
                        ? (byte) random.nextInt(256)
                        : DELIMITER[random.nextInt(DELIMITER.length)];
            }
            int plants = random.nextInt(3);
            for (int p = 0; p < plants && data.length >= DELIMITER.length; p++) {
                int at = random.nextInt(data.length - DELIMITER.length + 1);
                // Whole, or all but its last byte.
                int length = random.nextBoolean() ? DELIMITER.length : DELIMITER.length - 1;
                System.arraycopy(DELIMITER, 0, data, at, length);
            }
            int from = random.nextInt(-1, data.length + 2);
            assertThat(ApiRequest.indexOf(data, DELIMITER, from))
                    .as("round %d from %d", round, from)
                    .isEqualTo(everyIndex(data, DELIMITER, from));
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
