package dev.redraw.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BinaryResultTreeTest {

    private static final byte[] PNG = TestImages.png(40, 40, Color.ORANGE);
    private static final String B64 = Base64.getEncoder().encodeToString(PNG);
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String body) {
        return BinaryResultTree.read(json, body, Set.of("b64_json"));
    }

    @Test
    void aBase64FieldArrivesAsItsBytesAndEverythingElseAsUsual() throws Exception {
        JsonNode root = read("{\"code\":200,\"ok\":true,\"none\":null,\"ratio\":1.5,\"data\":{\"data\":[{\"url\":\"\","
                + "\"b64_json\":\"" + B64 + "\",\"revised_prompt\":\"a fox\"}]}}");

        JsonNode item = root.path("data").path("data").get(0);
        assertThat(item.path("b64_json").isBinary()).isTrue();
        assertThat(item.path("b64_json").binaryValue()).isEqualTo(PNG);
        assertThat(item.path("revised_prompt").asText()).isEqualTo("a fox");
        assertThat(root.path("code").asInt()).isEqualTo(200);
        assertThat(root.path("ok").asBoolean()).isTrue();
        assertThat(root.path("none").isNull()).isTrue();
        assertThat(root.path("ratio").asDouble()).isEqualTo(1.5);
    }

    @Test
    void escapedSlashesAndLineBreaksInsideTheBase64AreUnderstood() throws Exception {
        String escaped = B64.replace("/", "\\/");
        String wrapped = escaped.substring(0, 76) + "\\n" + escaped.substring(76);

        JsonNode root = read("{\"b64_json\":\"" + wrapped + "\"}");

        assertThat(root.path("b64_json").binaryValue()).isEqualTo(PNG);
    }

    @Test
    void aStringEndsAtItsFirstQuoteOrBackslashWhereverThatFallsInAWordOfEight() {
        for (int start = 0; start < 9; start++) {
            for (int length = 0; length < 40; length++) {
                for (char end : new char[] {'"', '\\'}) {
                    byte[] body = ("x".repeat(start) + "Ab+/".repeat(10).substring(0, length) + end + "\"tail\"}")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    assertThat(BinaryResultTree.stringEnd(body, start))
                            .as("start %d, length %d, ended by %s", start, length, end)
                            .isEqualTo(start + length);
                }
                byte[] unended = ("x".repeat(start) + "Ab+/".repeat(10).substring(0, length))
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                assertThat(BinaryResultTree.stringEnd(unended, start)).isEqualTo(unended.length);
            }
        }
        // Bytes that differ from a quote by one bit, and UTF-8 above 0x7f, end nothing.
        byte[] near = {0x23, 0x21, 0x5d, 0x5b, (byte) 0xa2, (byte) 0xdc, 0x02, 0x62, 0x22};
        assertThat(BinaryResultTree.stringEnd(near, 0)).isEqualTo(8);
    }

    @Test
    void aDataUriIsReadAsTextSoNothingIsLost() {
        String uri = "data:image/png;base64," + B64;

        JsonNode root = read("{\"data\":[{\"b64_json\":\"" + uri + "\"}]}");

        assertThat(root.path("data").get(0).path("b64_json").asText()).isEqualTo(uri);
    }

    @Test
    void aBodyThatIsNotJsonGivesNoTree() {
        assertThat(read("<html>502 Bad Gateway</html>")).isNull();
        assertThat(read("")).isNull();
    }

    @Test
    void aTruncatedAnswerIsNotTakenForATree() {
        assertThat(read("{\"data\":[{\"b64_json\":\"" + B64.substring(0, 100))).isNull();
    }
}
