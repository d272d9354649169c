package dev.redraw.core.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.ProviderData;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opaque per-part data of Gemini answers: every field of a kept answer part besides its content
 * (above all {@code thoughtSignature}), stored so that a later turn sends that part back exactly as it
 * came. Gemini 3 image models sign the first text part and every image part of an answer.
 *
 * <p>The core keeps provider data on images only (an answer's text reaches it as a plain string), so the
 * data of the answer's first text part rides on the image's data under {@value #TEXT_PART}; when the
 * model turn is replayed, those fields go back onto the turn's first text part and the rest onto the
 * image part. For example {@code {"thoughtSignature":"img-sig","textPart":{"thoughtSignature":"txt-sig"}}}.
 */
final class GeminiPartData {

    static final String TEXT_PART = "textPart";

    private static final Logger LOG = LoggerFactory.getLogger(GeminiPartData.class);
    private static final Set<String> CONTENT = Set.of("text", "inlineData");

    private final ObjectMapper json;

    GeminiPartData(ObjectMapper json) {
        this.json = json;
    }

    /** What to keep of an answer's image part and of its first text part, if anything. */
    Optional<ProviderData> capture(JsonNode imagePart, Optional<JsonNode> firstTextPart) {
        ObjectNode data = besidesContent(imagePart);
        firstTextPart
                .map(this::besidesContent)
                .filter(fields -> !fields.isEmpty())
                .ifPresent(fields -> data.set(TEXT_PART, fields));
        return data.isEmpty()
                ? Optional.empty()
                : Optional.of(new ProviderData(GeminiProvider.DIALECT, data.toString()));
    }

    private ObjectNode besidesContent(JsonNode part) {
        ObjectNode fields = json.createObjectNode();
        part.properties().stream()
                .filter(field -> !CONTENT.contains(field.getKey()))
                .forEach(field -> fields.set(field.getKey(), field.getValue()));
        return fields;
    }

    /**
     * Puts the stored fields of one turn's parts back onto their JSON nodes ({@code nodes} in the order
     * of {@code parts}); data another dialect wrote is left out.
     */
    void replay(List<Part> parts, List<ObjectNode> nodes) {
        Optional<ObjectNode> textPart = Optional.empty();
        for (int i = 0; i < parts.size(); i++) {
            Optional<ObjectNode> stored = stored(parts.get(i));
            if (stored.isPresent()) {
                JsonNode text = stored.get().remove(TEXT_PART);
                if (text instanceof ObjectNode fields && textPart.isEmpty()) {
                    textPart = Optional.of(fields);
                }
                addMissing(stored.get(), nodes.get(i));
            }
        }
        textPart.ifPresent(fields -> firstText(parts, nodes).ifPresent(node -> addMissing(fields, node)));
    }

    private Optional<ObjectNode> stored(Part part) {
        Optional<ProviderData> data =
                part.providerData().filter(d -> d.dialect().equals(GeminiProvider.DIALECT));
        if (data.isEmpty()) {
            return Optional.empty();
        }
        try {
            return json.readTree(data.get().json()) instanceof ObjectNode fields
                    ? Optional.of(fields)
                    : Optional.empty();
        } catch (JsonProcessingException e) {
            LOG.warn("stored Gemini part data is not JSON; the part is sent without it");
            return Optional.empty();
        }
    }

    private static Optional<ObjectNode> firstText(List<Part> parts, List<ObjectNode> nodes) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Part.Text) {
                return Optional.of(nodes.get(i));
            }
        }
        return Optional.empty();
    }

    /** The part's own content wins over anything stored under the same name. */
    private static void addMissing(ObjectNode fields, ObjectNode node) {
        fields.properties().forEach(field -> {
            if (!node.has(field.getKey())) {
                node.set(field.getKey(), field.getValue());
            }
        });
    }
}
