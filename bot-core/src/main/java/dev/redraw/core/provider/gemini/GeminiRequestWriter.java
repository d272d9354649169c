package dev.redraw.core.provider.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.history.History;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * Writes a generation request as a {@code generateContent} body: the whole history, then the response
 * modalities and the image config.
 */
final class GeminiRequestWriter {

    private static final MediaType JSON = MediaType.get("application/json");

    private final GeminiPartData partData;
    private final List<ResponseModality> responseModalities;

    /**
     * @param responseModalities sent as written, in this order; must hold {@link ResponseModality#IMAGE},
     *     each at most once
     */
    GeminiRequestWriter(GeminiPartData partData, List<ResponseModality> responseModalities) {
        if (!responseModalities.contains(ResponseModality.IMAGE)
                || new HashSet<>(responseModalities).size() != responseModalities.size()) {
            throw new IllegalArgumentException(
                    "response modalities must hold IMAGE, each at most once: " + responseModalities);
        }
        this.partData = partData;
        this.responseModalities = List.copyOf(responseModalities);
    }

    RequestBody write(GenerationRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode contents = body.putArray("contents");
        request.history().turns().forEach(turn -> contents.add(turn(turn, request)));
        ObjectNode config = body.putObject("generationConfig");
        ArrayNode modalities = config.putArray("responseModalities");
        responseModalities.forEach(modality -> modalities.add(modality.name()));
        ObjectNode imageConfig = config.putObject("imageConfig").put("aspectRatio", request.aspectRatio());
        request.imageSize().ifPresent(size -> imageConfig.put("imageSize", size));
        return RequestBody.create(body.toString(), JSON);
    }

    private ObjectNode turn(History.Entry turn, GenerationRequest request) {
        List<ObjectNode> nodes =
                turn.parts().stream().map(part -> content(part, request)).toList();
        partData.replay(turn.parts(), nodes);
        ObjectNode node =
                JsonNodeFactory.instance.objectNode().put("role", turn.role() == Role.USER ? "user" : "model");
        node.putArray("parts").addAll(nodes);
        return node;
    }

    private ObjectNode content(Part part, GenerationRequest request) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        switch (part) {
            case Part.Text text -> node.put("text", text.text());
            case Part.Image image ->
                node.putObject("inlineData")
                        .put("mimeType", image.image().mimeType())
                        .put(
                                "data",
                                Base64.getEncoder()
                                        .encodeToString(request.images().load(image.image())));
        }
        return node;
    }
}
