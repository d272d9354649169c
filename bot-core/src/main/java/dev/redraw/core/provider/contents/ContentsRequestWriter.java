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
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * Writes a generation request as a {@code contents} dialect JSON body.
 *
 * <p>A fusion carries up to five large images, so the body is streamed into one buffer sized for
 * their base64 text up front: each image is encoded straight into it, never held as a string.
 */
final class ContentsRequestWriter {

    /** Room for the JSON around the images: field names, prompts, provider data. */
    private static final int STRUCTURE_ALLOWANCE = 16 * 1024;

    private final ObjectMapper json;

    ContentsRequestWriter(ObjectMapper json) {
        this.json = json;
    }

    RequestBody write(GenerationRequest request, MediaType type) {
        List<History.Entry> turns = request.history().turns();
        var sink = new Buffer(estimate(turns));
        try (JsonGenerator out = json.getFactory().createGenerator(sink)) {
            out.writeStartObject();
            out.writeStringField("model", request.model());
            if (isPlainPrompt(turns)) {
                out.writeStringField(
                        "prompt", ((Part.Text) turns.getFirst().parts().getFirst()).text());
            } else {
                out.writeArrayFieldStart("contents");
                for (History.Entry turn : turns) {
                    turn(out, sink, turn, request);
                }
                out.writeEndArray();
            }
            // Nano Banana answers only b64_json; the ratio goes with every turn so edits keep their shape.
            out.writeStringField("response_format", "b64_json");
            out.writeStringField("size", request.aspectRatio());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the request", e);
        }
        return RequestBody.create(sink.bytes, type, 0, sink.count);
    }

    private static int estimate(List<History.Entry> turns) {
        long size = STRUCTURE_ALLOWANCE;
        for (History.Entry turn : turns) {
            for (Part part : turn.parts()) {
                size += switch (part) {
                    case Part.Text text -> text.text().length() * 2L;
                    case Part.Image image -> 64 + 4 * ((image.image().byteSize() + 2) / 3);
                };
            }
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 64);
    }

    /** A first request of text alone uses the documented text-to-image form. */
    private static boolean isPlainPrompt(List<History.Entry> turns) {
        return turns.size() == 1
                && turns.getFirst().parts().size() == 1
                && turns.getFirst().parts().getFirst() instanceof Part.Text;
    }

    private void turn(JsonGenerator out, Buffer sink, History.Entry turn, GenerationRequest request)
            throws IOException {
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
                    // The value is opened as raw JSON, then the base64 goes straight into the buffer.
                    out.writeRawValue("\"data:" + image.image().mimeType() + ";base64,");
                    out.flush();
                    try (OutputStream encoder = Base64.getEncoder().wrap(sink.unclosable())) {
                        encoder.write(request.images().load(image.image()));
                    }
                    out.writeRaw('"');
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

    /** A growable byte buffer whose array is handed to the request without a copy. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes;
        private int count;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, count, length);
            count += length;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }

        /** The same buffer, for a wrapping stream whose close must not end the JSON. */
        OutputStream unclosable() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    Buffer.this.write(b);
                }

                @Override
                public void write(byte[] source, int offset, int length) {
                    Buffer.this.write(source, offset, length);
                }
            };
        }

        @Override
        public String toString() {
            return new String(bytes, 0, count, StandardCharsets.UTF_8);
        }
    }
}
