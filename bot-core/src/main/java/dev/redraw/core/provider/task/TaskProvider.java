package dev.redraw.core.provider.task;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageUrls;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.Flattened;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.StreamedJson;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The {@code task} dialect: {@code POST /v1/api/generate} with the flattened request as JSON, the
 * answer a task ({@code running}, {@code violation}, {@code succeeded}, {@code failed}) that is
 * polled at {@code GET /v1/api/result?id=…} while it runs. Results come as URLs. With {@code stream}
 * the answer is a stream of such task states, whose progress is reported as it arrives.
 */
public final class TaskProvider extends PollingProvider {

    public static final String DIALECT = "task";

    private static final MediaType JSON = MediaType.get("application/json");
    /** Failures worth trying again: the upstream ran out of time or was too busy. */
    private static final Pattern TRANSIENT = Pattern.compile(
            "time ?out|timed out|overload|busy|unavailable|capacity|try again|retry|temporar|超时|繁忙|稍后",
            Pattern.CASE_INSENSITIVE);

    /**
     * Models that must not get {@code imageSize}. Seed 004 documents it for the nano-banana
     * endpoint, yet nano-banana and nano-banana-fast refuse it; the gpt-image-2 endpoint lists no
     * {@code imageSize} at all (its size is in the pixel value of {@code aspectRatio}).
     */
    private static final Set<String> NO_IMAGE_SIZE = Set.of("nano-banana", "nano-banana-fast");

    private final ObjectMapper json;
    private final ImageUrls urls;

    public TaskProvider(ProviderSettings settings, ProviderKit kit) {
        super(settings, kit);
        this.json = kit.json();
        this.urls = kit.urls();
    }

    @Override
    public Outcome generate(GenerationRequest request, JobContext context) {
        var http = request("api/generate", url -> url).post(body(request)).build();
        return settings.stream()
                ? submitStream(http, request.model(), context, this::readTask)
                : submit(http, request.model(), context, this::readTask);
    }

    /** Seed 004's replyType: json (wait and answer), async (a task id to poll) or stream (progress as it goes). */
    private String replyType() {
        if (settings.stream()) {
            return "stream";
        }
        return settings.async() ? "async" : "json";
    }

    static boolean takesImageSize(String model) {
        return !NO_IMAGE_SIZE.contains(model) && !model.startsWith("gpt-image-2");
    }

    @Override
    protected Request taskRequest(String taskId) {
        return request("api/result", url -> url.addQueryParameter("id", taskId))
                .get()
                .build();
    }

    private RequestBody body(GenerationRequest request) {
        Flattened flat = Flattened.of(request.history(), request.capabilities().maxInputImages());
        // Seed 004: images are "参考图,支持base64与url链接"; links keep the request small when the bot has a public address.
        boolean links = urls.available();
        return StreamedJson.body(json, JSON, body -> {
            JsonGenerator out = body.generator();
            out.writeStartObject();
            out.writeStringField("model", request.model());
            out.writeStringField("prompt", flat.instruction());
            out.writeArrayFieldStart("images");
            for (ImageRef image : flat.images()) {
                if (links) {
                    out.writeString(urls.linkTo(image));
                } else {
                    body.dataUri(image.mimeType(), request.images().load(image));
                }
            }
            out.writeEndArray();
            out.writeStringField("aspectRatio", request.aspectRatio());
            if (request.imageSize().isPresent() && takesImageSize(request.model())) {
                out.writeStringField("imageSize", request.imageSize().get());
            }
            out.writeStringField("replyType", replyType());
            out.writeEndObject();
        });
    }

    /** Both endpoints answer {@code {"id","status","progress","results":[{"url"}],"error"}}. */
    @Override
    protected Step readTask(JsonNode answer) {
        String error = answer.path("error").asText("").strip();
        String status = answer.path("status").asText("");
        return switch (status) {
            case "running", "queued", "pending", "processing" ->
                new Step.Running(answer.path("id").asText(""), percent(answer.path("progress")));
            case "succeeded" -> finished(results.read(answer.path("results")));
            case "violation" -> finished(new Outcome.Refused(error.isEmpty() ? null : error));
            case "failed" -> finished(failed(error, TRANSIENT.matcher(error).find()));
            default ->
                finished(new Outcome.Failed(
                        false, Cause.of(Cause.Kind.UNKNOWN_TASK_STATUS, status), error.isEmpty() ? null : error));
        };
    }
}
