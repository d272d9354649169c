package dev.redraw.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import okhttp3.MediaType;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class StreamedJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 3 * 16 * 1024;

    @Test
    void imagesOfEveryLengthAroundTheChunkSizeAreEncodedAsTheStandardBase64() throws Exception {
        var random = new SplittableRandom(11);
        List<byte[]> images = new ArrayList<>();
        for (int length : new int[] {0, 1, 2, 3, 4, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK + 2, 2 * CHUNK, 3 * CHUNK + 5}) {
            byte[] image = new byte[length];
            random.nextBytes(image);
            images.add(image);
        }

        var body = StreamedJson.body(JSON, MediaType.get("application/json"), out -> {
            var generator = out.generator();
            generator.writeStartObject();
            generator.writeStringField("prompt", "a \"quoted\" fox");
            generator.writeArrayFieldStart("images");
            for (byte[] image : images) {
                out.dataUri("image/png", image);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        });

        var sink = new Buffer();
        body.writeTo(sink);
        byte[] sent = sink.readByteArray();
        // The length is declared before sending, and a retry sends the same bytes again.
        assertThat(body.contentLength()).isEqualTo(sent.length);
        assertThat(body.isOneShot()).isFalse();
        body.writeTo(sink);
        assertThat(sink.readByteArray()).isEqualTo(sent);
        JsonNode tree = JSON.readTree(sent);
        assertThat(tree.get("prompt").asText()).isEqualTo("a \"quoted\" fox");
        assertThat(tree.get("images")).hasSize(images.size());
        for (int i = 0; i < images.size(); i++) {
            assertThat(tree.get("images").get(i).asText())
                    .as("image %d of %d bytes", i, images.get(i).length)
                    .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(images.get(i)));
        }
    }
}
