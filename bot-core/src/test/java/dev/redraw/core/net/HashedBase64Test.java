package dev.redraw.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashedBase64Test {

    private static final int PIECE_BYTES = HashedBase64.PIECE / 4 * 3;

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code text} inside other bytes, as a string field sits inside an answer. */
    private static byte[] framed(String text) {
        return ("{\"b64_json\":\"" + text + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static Bodies.Hashed decode(String text) {
        byte[] body = framed(text);
        return HashedBase64.decode(body, 13, 13 + text.length());
    }

    @Test
    void everyLengthAroundThePiecesDecodesAndHashesAsTheWholeDoes() {
        int[] around = {
            HashedBase64.SIDE_BY_SIDE_FROM / 4 * 3 - 3,
            HashedBase64.SIDE_BY_SIDE_FROM / 4 * 3,
            5 * PIECE_BYTES - 1,
            5 * PIECE_BYTES,
            5 * PIECE_BYTES + 1,
            5 * PIECE_BYTES + 2,
            5 * PIECE_BYTES + 3,
            1_000_000,
            1_398_101,
            0,
            1,
            2,
            3
        };
        long seed = 1;
        for (int size : around) {
            byte[] bytes = random(size, seed++);
            String padded = Base64.getEncoder().encodeToString(bytes);
            String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            for (String text : new String[] {padded, unpadded}) {
                Bodies.Hashed hashed = decode(text);

                assertThat(hashed.bytes())
                        .as("%d bytes from %d characters", size, text.length())
                        .isEqualTo(bytes);
                assertThat(hashed.sha256()).as("%d bytes", size).isEqualTo(Sha256.of(bytes));
            }
        }
    }

    @Test
    void textTheWholeDecoderRefusesIsRefusedWhereverTheFaultLies() {
        String text = Base64.getEncoder().encodeToString(random(6 * PIECE_BYTES + 7, 40));
        int[] places = {0, HashedBase64.PIECE - 1, HashedBase64.PIECE, 3 * HashedBase64.PIECE + 17, text.length() - 5};
        for (int at : places) {
            for (char fault : new char[] {'\\', '"', '-', ' ', '='}) {
                String faulty = text.substring(0, at) + fault + text.substring(at + 1);
                assertThatThrownBy(() -> Base64.getDecoder().decode(faulty))
                        .isInstanceOf(IllegalArgumentException.class);

                assertThatThrownBy(() -> decode(faulty))
                        .as("%s at %d", fault, at)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void paddingInTheMiddleIsRefusedEvenWhereEachPieceWouldDecodeAlone() {
        // The first piece ends with padding: decoded alone it is fine, followed by more it is not.
        String first = Base64.getEncoder().encodeToString(random(PIECE_BYTES - 1, 7));
        String rest = Base64.getEncoder().encodeToString(random(5 * PIECE_BYTES, 8));
        assertThat(first).hasSize(HashedBase64.PIECE).endsWith("=");

        assertThatThrownBy(() -> decode(first + rest)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLengthThatLeavesOneCharacterOverIsRefused() {
        String text = Base64.getEncoder().encodeToString(random(5 * PIECE_BYTES, 9));
        assertThat(text.length() % 4).isZero();

        for (String faulty : new String[] {text + "A", text + "A=", text + "AB=", text.substring(1) + "=="}) {
            assertThatThrownBy(() -> Base64.getDecoder().decode(faulty)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> decode(faulty))
                    .as(faulty.substring(faulty.length() - 4))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void boundsOutsideTheTextAreRefused() {
        byte[] body = framed("QUJD");

        assertThatThrownBy(() -> HashedBase64.decode(body, 13, body.length + 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
