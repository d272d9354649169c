package dev.redraw.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BinaryResultTreeTest {

    private static final byte[] PNG = TestImages.png(40, 40, Color.ORANGE);
    private static final String B64 = Base64.getEncoder().encodeToString(PNG);
    /** Bytes whose base64 is long enough to be decoded and hashed side by side. */
    private static final byte[] LARGE = new java.util.Random(3)
            .ints(300_000)
            .collect(
                    java.io.ByteArrayOutputStream::new,
                    (out, i) -> out.write(i),
                    (a, b) -> a.writeBytes(b.toByteArray()))
            .toByteArray();

    private static final String LARGE_B64 = Base64.getEncoder().encodeToString(LARGE);

    /** The node read by the fast path: the JDK's decoder on the body's bytes, with the bytes' hash. */
    private static void decodedFromTheBody(JsonNode node, byte[] expected) throws Exception {
        assertThat(node).isInstanceOf(HashedBinaryNode.class);
        assertThat(node.binaryValue()).isEqualTo(expected);
        assertThat(((HashedBinaryNode) node).hashed().sha256()).isEqualTo(dev.redraw.core.net.Sha256.of(expected));
    }

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String body) {
        return BinaryResultTree.read(json, body, Set.of("b64_json"));
    }

    @Test
    void aBase64FieldArrivesAsItsBytesAndEverythingElseAsUsual() throws Exception {
        JsonNode root = read("{\"code\":200,\"ok\":true,\"none\":null,\"ratio\":1.5,\"data\":{\"data\":[{\"url\":\"\","
                + "\"b64_json\":\"" + B64 + "\",\"revised_prompt\":\"a fox\"}]}}");

        JsonNode item = root.path("data").path("data").get(0);
        decodedFromTheBody(item.path("b64_json"), PNG);
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

        for (String text : new String[] {wrapped, LARGE_B64.replace("/", "\\/")}) {
            JsonNode root = read("{\"b64_json\":\"" + text + "\"}");

            // Decoded by the parser, which undoes the escapes, not read as text.
            assertThat(root.path("b64_json").isBinary()).isTrue();
            assertThat(root.path("b64_json")).isNotInstanceOf(HashedBinaryNode.class);
            assertThat(root.path("b64_json").binaryValue()).isEqualTo(text == wrapped ? PNG : LARGE);
        }
    }

    @Test
    void theBase64TextEndsWhereverTheNextTokenBeginsWhateverLiesBetween() throws Exception {
        for (String between : new String[] {"", " ", ",", " ,\n\t", "\r\n  ,  "}) {
            for (String text : new String[] {B64, LARGE_B64}) {
                String follows = between.contains(",") ? between + "\"n\": 1}" : between + "}";
                JsonNode root = read("{\"b64_json\":\"" + text + "\"" + follows);

                assertThat(root)
                        .as("%s between the text and the next token", between.replace("\n", "\\n"))
                        .isNotNull();
                decodedFromTheBody(root.path("b64_json"), text == B64 ? PNG : LARGE);
            }
        }
    }

    @Test
    void everyImageOfSeveralIsReadAndTheFieldsAroundThemToo() throws Exception {
        byte[] other = TestImages.png(12, 30, Color.BLUE);
        String body = "{\"data\": [\n  {\"b64_json\": \"" + B64 + "\", \"note\": {\"a\": [1, 2]}},\n"
                + "  {\"note\": \"x\\\"y\", \"b64_json\": \""
                + Base64.getEncoder().encodeToString(other)
                + "\"}\n], \"after\": \"done\"}";

        JsonNode root = read(body);

        decodedFromTheBody(root.path("data").get(0).path("b64_json"), PNG);
        assertThat(root.path("data").get(0).path("note").path("a").get(1).asInt())
                .isEqualTo(2);
        assertThat(root.path("data").get(1).path("note").asText()).isEqualTo("x\"y");
        decodedFromTheBody(root.path("data").get(1).path("b64_json"), other);
        assertThat(root.path("after").asText()).isEqualTo("done");
    }

    @Test
    void aLargeImageComesWithTheHashOfItsBytes() throws Exception {
        byte[] large = new byte[1_000_003];
        new java.util.Random(5).nextBytes(large);

        JsonNode root = read("{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(large) + "\"}]}");

        JsonNode image = root.path("data").get(0).path("b64_json");
        assertThat(image).isInstanceOf(HashedBinaryNode.class);
        assertThat(image.binaryValue()).isEqualTo(large);
        assertThat(((HashedBinaryNode) image).hashed().sha256()).isEqualTo(dev.redraw.core.net.Sha256.of(large));
        var generated = new ResultImages(null).image(root.path("data").get(0), Optional.empty());
        assertThat(generated).hasValueSatisfying(result -> {
            assertThat(result.bytes()).isEqualTo(large);
            assertThat(result.hashed()).hasValueSatisfying(hashed -> {
                assertThat(hashed.bytes()).isSameAs(result.bytes());
                assertThat(hashed.sha256()).isEqualTo(dev.redraw.core.net.Sha256.of(large));
                // A hash goes only with the very bytes it was worked out from.
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new dev.redraw.core.generation.GeneratedImage(
                                large.clone(), Optional.empty(), Optional.of(hashed)))
                        .isInstanceOf(IllegalArgumentException.class);
            });
        });
    }

    @Test
    void aPrettyPrintedAnswerWithSeveralLargeImagesGivesEachItsBytesAndHash() throws Exception {
        byte[] second = LARGE.clone();
        second[0] ^= 1;
        String body = "{\n  \"data\": [\n    {\n      \"revised_prompt\": \"one\",\n      \"b64_json\": \""
                + LARGE_B64 + "\"\n    },\n    {\n      \"b64_json\": \""
                + Base64.getEncoder().encodeToString(second) + "\"\n    }\n  ]\n}\n";

        JsonNode root = read(body);

        decodedFromTheBody(root.path("data").get(0).path("b64_json"), LARGE);
        decodedFromTheBody(root.path("data").get(1).path("b64_json"), second);
        assertThat(root.path("data").get(0).path("revised_prompt").asText()).isEqualTo("one");
    }

    @Test
    void aBase64FieldThatIsNotAStringIsKeptAsItIs() {
        JsonNode root = read("{\"b64_json\": null, \"data\": {\"b64_json\": 12}}");

        assertThat(root.path("b64_json").isNull()).isTrue();
        assertThat(root.path("data").path("b64_json").asInt()).isEqualTo(12);
    }

    @Test
    void anEscapedQuoteInsideTheTextIsNotTakenForItsEnd() {
        String body = "{\"b64_json\":\"" + B64.substring(0, 40) + "\\\"" + B64.substring(40) + "\"}";

        JsonNode root = read(body);

        assertThat(root.path("b64_json").isBinary()).isFalse();
        assertThat(root.path("b64_json").asText()).isEqualTo(B64.substring(0, 40) + "\"" + B64.substring(40));
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
