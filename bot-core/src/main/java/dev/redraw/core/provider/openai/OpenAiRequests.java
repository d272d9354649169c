package dev.redraw.core.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.provider.Flattened;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * Writes a flattened request in the OpenAI images shape: JSON for {@code /images/generations},
 * multipart form data for {@code /images/edits} when input images go as the form's files.
 */
final class OpenAiRequests {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType PNG = MediaType.get("image/png");
    private static final Pattern PIXELS = Pattern.compile("\\d+x\\d+");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", "png", "image/jpeg", "jpg", "image/jpg", "jpg", "image/webp", "webp", "image/gif", "gif");

    /**
     * The models documented to make several images in one call. Seed 003, "Edits 通用": "n integer
     * or null: Number of images to generate. Must be between 1 and 10" (gpt-image-1 and dall-e-2),
     * and its dall-e-2 "文生图": "n ... 必须介于 1 和 10 之间". No other model of the seeds documents
     * {@code n} (their examples fix it at 1), so they get {@code n = 1} and one call per image.
     */
    private static final Set<String> COUNT_MODELS = Set.of("gpt-image-1", "dall-e-2");

    private final ObjectMapper json;

    OpenAiRequests(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The generations endpoint's JSON body: for a request without input images, or for a model whose
     * documents put them in its {@code image} array, as data URIs (seed 003: "url 或 b64_json").
     */
    RequestBody generation(GenerationRequest request, Flattened flat) {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        body.put("prompt", flat.instruction());
        if (!flat.images().isEmpty()) {
            var array = body.putArray("image");
            for (ImageRef image : flat.images()) {
                array.add("data:" + image.mimeType() + ";base64,"
                        + Base64.getEncoder().encodeToString(request.images().load(image)));
            }
        }
        options(request, body::put);
        body.put("n", count(request));
        try {
            return RequestBody.create(json.writeValueAsString(body), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the request", e);
        }
    }

    /**
     * The edits endpoint's form, in a fixed order: {@code model}, {@code prompt}, one {@code image}
     * file per input image in flattened order, the {@code mask} for the first of them (seed 003: a
     * PNG whose transparent pixels mark what to edit), the options and {@code n}.
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
        request.mask()
                .ifPresent(mask -> form.addFormDataPart(
                        "mask", "mask.png", RequestBody.create(request.images().load(mask), PNG)));
        options(request, form::addFormDataPart);
        form.addFormDataPart("n", Integer.toString(count(request)));
        return form.build();
    }

    /** The shape, the output size and quality when chosen, and the base64 answer format. */
    private static void options(GenerationRequest request, BiConsumer<String, String> field) {
        shape(request, field);
        request.imageSize().ifPresent(size -> field.accept("image_size", size));
        request.quality().ifPresent(quality -> field.accept("quality", quality));
        field.accept("response_format", "b64_json");
    }

    /**
     * A model documented with pixel sizes gets {@code size}, the documented one nearest the ratio
     * (nothing when none is near, so the model's default applies); pixels asked for go as {@code
     * size}; any other model gets {@code aspect_ratio}.
     */
    private static void shape(GenerationRequest request, BiConsumer<String, String> field) {
        String shape = request.aspectRatio();
        if (!request.capabilities().fields().pixelSizes().isEmpty()) {
            request.capabilities().pixelSizeFor(shape).ifPresent(size -> field.accept("size", size));
            return;
        }
        field.accept(PIXELS.matcher(shape).matches() ? "size" : "aspect_ratio", shape);
    }

    /** Whether {@code model} takes {@code n} above 1 (see {@link #COUNT_MODELS}). */
    static boolean takesCount(String model) {
        return COUNT_MODELS.contains(model.toLowerCase(Locale.ROOT));
    }

    /** The {@code n} to send: the images asked for where the model takes a count, else 1. */
    private static int count(GenerationRequest request) {
        return takesCount(request.model()) ? request.variations() : 1;
    }

    static String extension(String mimeType) {
        return EXTENSIONS.getOrDefault(mimeType.toLowerCase(Locale.ROOT), "bin");
    }
}
