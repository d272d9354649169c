package dev.redraw.core.provider.contents;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.history.History;
import dev.redraw.core.provider.StreamedJson;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** Writes a generation request as a {@code contents} dialect JSON body, streamed (see {@link StreamedJson}). */
final class ContentsRequestWriter {

    private final ObjectMapper json;

    ContentsRequestWriter(ObjectMapper json) {
        this.json = json;
    }

    RequestBody write(GenerationRequest request, MediaType type) {
        List<History.Entry> turns = request.history().turns();
        return StreamedJson.body(json, type, body -> {
            JsonGenerator out = body.generator();
            out.writeStartObject();
            out.writeStringField("model", request.model());
            if (isPlainPrompt(turns)) {
                out.writeStringField(
                        "prompt", ((Part.Text) turns.getFirst().parts().getFirst()).text());
            } else {
                out.writeArrayFieldStart("contents");
                for (History.Entry turn : turns) {
                    turn(body, turn, request);
                }
                out.writeEndArray();
            }
            // Nano Banana answers only b64_json; the ratio goes with every turn so edits keep their shape.
            out.writeStringField("response_format", "b64_json");
            out.writeStringField("size", request.aspectRatio());
            out.writeEndObject();
        });
    }

    /** A first request of text alone uses the documented text-to-image form. */
    private static boolean isPlainPrompt(List<History.Entry> turns) {
        return turns.size() == 1
                && turns.getFirst().parts().size() == 1
                && turns.getFirst().parts().getFirst() instanceof Part.Text;
    }

    private void turn(StreamedJson body, History.Entry turn, GenerationRequest request) throws IOException {
        JsonGenerator out = body.generator();
        out.writeStartObject();
        out.writeStringField("role", turn.role() == Role.USER ? "user" : "model");
        out.writeArrayFieldStart("parts");
        if (turn.role() == Role.MODEL && turn.parts().stream().noneMatch(Part.Text.class::isInstance)) {
            long images =
                    turn.parts().stream().filter(Part.Image.class::isInstance).count();
            // The gateway documents model turns as a short text followed by the images.
            out.writeStartObject();
            out.writeStringField("text", "Generated " + images + (images == 1 ? " image." : " images."));
            out.writeEndObject();
        }
        for (Part part : turn.parts()) {
            out.writeStartObject();
            String field = switch (part) {
                case Part.Text text -> {
                    out.writeStringField("text", text.text());
                    yield "text";
                }
                case Part.Image image -> {
                    out.writeFieldName("image");
                    body.dataUri(image.image().mimeType(), request.images().load(image.image()));
                    yield "image";
                }
            };
            replay(out, part.providerData(), field);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** Opaque data this dialect attached to a part goes back unchanged, beside the part's content. */
    private void replay(JsonGenerator out, Optional<ProviderData> data, String written) throws IOException {
        if (data.isEmpty() || !data.get().dialect().equals(ContentsProvider.DIALECT)) {
            return;
        }
        JsonNode extra = json.readTree(data.get().json());
        if (extra instanceof ObjectNode fields) {
            for (var field : fields.properties()) {
                if (!field.getKey().equals(written)) {
                    out.writeFieldName(field.getKey());
                    out.writeTree(field.getValue());
                }
            }
        }
    }
}
