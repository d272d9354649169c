package dev.redraw.core.provider.contents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.BinaryResultTree;
import dev.redraw.core.provider.HttpProblem;
import dev.redraw.core.provider.ResultDownloader;
import dev.redraw.core.provider.ResultImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@code contents} gateway answer into an {@link Outcome}: the {@code {code, msg, data}}
 * wrapper (which may say "error" inside an HTTP 200), OpenAI-style {@code {error: {...}}} bodies,
 * base64 and URL results, and bodies that are not JSON at all.
 */
public final class ContentsResponseReader {

    private static final Set<String> KNOWN_FIELDS = Set.of("url", "b64_json", "revised_prompt");

    private final ObjectMapper json;
    private final ResultImages results;

    ContentsResponseReader(ObjectMapper json, ResultImages results) {
        this.json = json;
        this.results = results;
    }

    Outcome read(int httpStatus, String body, String retryAfterHeader) {
        return read(httpStatus, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), retryAfterHeader);
    }

    /** As {@link #read(int, String, String)}, from the body's bytes as they arrived. */
    Outcome read(int httpStatus, byte[] body, String retryAfterHeader) {
        var retryAfter = HttpProblem.retryAfterHeader(retryAfterHeader);
        JsonNode root = BinaryResultTree.read(json, body, Set.of(ResultImages.BASE64_FIELD));
        if (root == null || !root.isObject()) {
            return httpStatus >= 200 && httpStatus < 300
                    ? new Outcome.Failed(true, Cause.of(Cause.Kind.NOT_JSON))
                    : HttpProblem.classify(httpStatus, "", retryAfter);
        }
        if (httpStatus < 200 || httpStatus >= 300) {
            return HttpProblem.classify(httpStatus, errorMessage(root), retryAfter);
        }
        if (root.hasNonNull("error")) {
            return HttpProblem.classify(errorCode(root, 500), errorMessage(root), retryAfter);
        }
        JsonNode code = root.get("code");
        if (code != null && code.canConvertToInt() && code.asInt() != 200 && code.asInt() != 0) {
            return HttpProblem.classify(code.asInt(), errorMessage(root), retryAfter);
        }
        JsonNode data = root.path("data");
        // Wrapped answers nest the OpenAI-style body under data; plain ones put the array at data.
        JsonNode items = data.isArray() ? data : data.path("data");
        return results(items, root);
    }

    private Outcome results(JsonNode items, JsonNode root) {
        List<GeneratedImage> images = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode item : items) {
            String revised = item.path("revised_prompt").asText("");
            if (!revised.isBlank()) {
                text.append(text.isEmpty() ? "" : "\n").append(revised);
            }
            Optional<ProviderData> extra = extraFields(item);
            try {
                results.image(item, extra).ifPresent(images::add);
            } catch (ResultDownloader.DownloadException e) {
                return e.outcome();
            }
        }
        if (!images.isEmpty()) {
            return new Outcome.Images(images, text.isEmpty() ? Optional.empty() : Optional.of(text.toString()));
        }
        if (!text.isEmpty()) {
            return new Outcome.TextOnly(text.toString());
        }
        String msg = root.path("msg").asText("");
        return new Outcome.Failed(false, Cause.of(Cause.Kind.NO_IMAGE), msg.isBlank() ? null : msg);
    }

    private Optional<ProviderData> extraFields(JsonNode item) {
        if (!(item instanceof ObjectNode object)) {
            return Optional.empty();
        }
        ObjectNode extra = json.createObjectNode();
        object.properties().forEach(field -> {
            JsonNode value = field.getValue();
            boolean empty =
                    value.isNull() || (value.isTextual() && value.asText().isEmpty());
            if (!KNOWN_FIELDS.contains(field.getKey()) && !empty) {
                extra.set(field.getKey(), value);
            }
        });
        return extra.isEmpty()
                ? Optional.empty()
                : Optional.of(new ProviderData(ContentsProvider.DIALECT, extra.toString()));
    }

    private static String errorMessage(JsonNode root) {
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String message = error.path("message").asText("");
            String code = error.path("code").asText("");
            return code.isBlank() || message.contains(code) ? message : message + " [" + code + "]";
        }
        if (error.isTextual()) {
            return error.asText();
        }
        for (String field : List.of("msg", "message", "detail")) {
            if (root.path(field).isTextual()) {
                return root.path(field).asText();
            }
        }
        return "";
    }

    private static int errorCode(JsonNode root, int fallback) {
        JsonNode status = root.path("error").path("status");
        if (status.canConvertToInt()) {
            return status.asInt();
        }
        JsonNode code = root.path("error").path("code");
        return code.canConvertToInt() ? code.asInt() : fallback;
    }
}
