package dev.redraw.core.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.provider.Flattened;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * Writes a flattened request in the OpenAI images shape: JSON for {@code /images/generations}
 * when there is no input image, multipart form data for {@code /images/edits} when there is.
 */
final class OpenAiRequests {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern PIXELS = Pattern.compile("\\d+x\\d+");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", "png", "image/jpeg", "jpg", "image/jpg", "jpg", "image/webp", "webp", "image/gif", "gif");

    private final ObjectMapper json;

    OpenAiRequests(ObjectMapper json) {
        this.json = json;
    }

    /** The generations endpoint's JSON body, for a request without input images. */
    RequestBody generation(GenerationRequest request, Flattened flat) {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        body.put("prompt", flat.instruction());
        options(request, body::put);
        body.put("n", 1);
        try {
            return RequestBody.create(json.writeValueAsString(body), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the request", e);
        }
    }

    /**
     * The edits endpoint's form, in a fixed order: {@code model}, {@code prompt}, one {@code image}
     * file per input image in flattened order, the shape, {@code response_format} and {@code n}.
     */
    RequestBody edit(GenerationRequest request, Flattened flat) {
        var form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        form.addFormDataPart("model", request.model());
        form.addFormDataPart("prompt", flat.instruction());
        List<ImageRef> images = flat.images();
        for (int i = 0; i < images.size(); i++) {
            ImageRef image = images.get(i);
            form.addFormDataPart(
                    "image",
                    "image-" + (i + 1) + "." + extension(image.mimeType()),
                    RequestBody.create(request.images().load(image), MediaType.get(image.mimeType())));
        }
        options(request, form::addFormDataPart);
        form.addFormDataPart("n", "1");
        return form.build();
    }

    /** The ratio (or pixel size), the output size when chosen, and the base64 answer format. */
    private static void options(GenerationRequest request, BiConsumer<String, String> field) {
        String shape = request.aspectRatio();
        field.accept(PIXELS.matcher(shape).matches() ? "size" : "aspect_ratio", shape);
        request.imageSize().ifPresent(size -> field.accept("image_size", size));
        field.accept("response_format", "b64_json");
    }

    static String extension(String mimeType) {
        return EXTENSIONS.getOrDefault(mimeType.toLowerCase(Locale.ROOT), "bin");
    }
}
