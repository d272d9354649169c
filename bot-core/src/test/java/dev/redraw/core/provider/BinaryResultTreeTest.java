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
    void theBase64TextEndsWhereverTheNextTokenBeginsWhateverLiesBetween() throws Exception {
        for (String between : new String[] {"", " ", ",", " ,\n\t", "\r\n  ,  "}) {
            String follows = between.contains(",") ? between + "\"b64_json\":\"" + B64 + "\"}" : between + "}";
            JsonNode root = read("{\"b64_json\":\"" + B64 + "\"" + follows);

            assertThat(root)
                    .as("%s between the text and the next token", between.replace("\n", "\\n"))
                    .isNotNull();
            assertThat(root.path("b64_json").binaryValue()).isEqualTo(PNG);
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

        assertThat(root.path("data").get(0).path("b64_json").binaryValue()).isEqualTo(PNG);
        assertThat(root.path("data").get(0).path("note").path("a").get(1).asInt())
                .isEqualTo(2);
        assertThat(root.path("data").get(1).path("note").asText()).isEqualTo("x\"y");
        assertThat(root.path("data").get(1).path("b64_json").binaryValue()).isEqualTo(other);
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
        assertThat(((HashedBinaryNode) image).sha256()).isEqualTo(dev.redraw.core.net.Sha256.of(large));
        var generated = new ResultImages(null).image(root.path("data").get(0), Optional.empty());
        assertThat(generated).hasValueSatisfying(result -> {
            assertThat(result.bytes()).isEqualTo(large);
            assertThat(result.sha256()).hasValue(dev.redraw.core.net.Sha256.of(large));
        });
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
