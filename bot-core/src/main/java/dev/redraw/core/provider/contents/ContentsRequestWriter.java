package dev.redraw.core.provider.contents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.history.History;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Writes a generation request as a {@code contents} dialect JSON body. */
final class ContentsRequestWriter {

    private final ObjectMapper json;

    ContentsRequestWriter(ObjectMapper json) {
        this.json = json;
    }

    String write(GenerationRequest request) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        List<History.Entry> turns = request.history().turns();
        if (isPlainPrompt(turns)) {
            body.put("prompt", ((Part.Text) turns.getFirst().parts().getFirst()).text());
        } else {
            ArrayNode contents = body.putArray("contents");
            turns.forEach(turn -> contents.add(turn(turn, request)));
        }
        // Nano Banana answers only b64_json; the ratio goes with every turn so edits keep their shape.
        body.put("response_format", "b64_json");
        body.put("size", request.aspectRatio());
        return json.writeValueAsString(body);
    }

    /** A first request of text alone uses the documented text-to-image form. */
    private static boolean isPlainPrompt(List<History.Entry> turns) {
        return turns.size() == 1
                && turns.getFirst().parts().size() == 1
                && turns.getFirst().parts().getFirst() instanceof Part.Text;
    }

    private ObjectNode turn(History.Entry turn, GenerationRequest request) {
        ObjectNode node = json.createObjectNode();
        node.put("role", turn.role() == Role.USER ? "user" : "model");
        ArrayNode parts = node.putArray("parts");
        if (turn.role() == Role.MODEL && turn.parts().stream().noneMatch(Part.Text.class::isInstance)) {
            long images =
                    turn.parts().stream().filter(Part.Image.class::isInstance).count();
            // The gateway documents model turns as a short text followed by the images.
            parts.add(json.createObjectNode()
                    .put("text", "Generated " + images + (images == 1 ? " image." : " images.")));
        }
        for (Part part : turn.parts()) {
            ObjectNode partNode = switch (part) {
                case Part.Text text -> json.createObjectNode().put("text", text.text());
                case Part.Image image ->
                    json.createObjectNode()
                            .put(
                                    "image",
                                    "data:" + image.image().mimeType() + ";base64,"
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            request.images().load(image.image())));
            };
            replay(part.providerData(), partNode);
            parts.add(partNode);
        }
        return node;
    }

    /** Opaque data this dialect attached to a part goes back unchanged, beside the part's content. */
    private void replay(Optional<ProviderData> data, ObjectNode partNode) {
        if (data.isEmpty() || !data.get().dialect().equals(ContentsProvider.DIALECT)) {
            return;
        }
        try {
            JsonNode extra = json.readTree(data.get().json());
            if (extra instanceof ObjectNode fields) {
                fields.properties().forEach(field -> {
                    if (!partNode.has(field.getKey())) {
                        partNode.set(field.getKey(), field.getValue());
                    }
                });
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored provider data is not JSON", e);
        }
    }
}
