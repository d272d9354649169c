package dev.redraw.core.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageUrls;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.model.RequestFields;
import dev.redraw.core.provider.Flattened;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.task.PollingProvider;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The {@code openai} dialect: OpenAI-compatible {@code /v1/images/generations} (JSON, text only)
 * and {@code /v1/images/edits} (multipart, with input images), answering {@code {"data":[…]}}. In
 * async mode either call answers {@code {"task_id":…}}, polled at {@code /v1/images/tasks/{id}}.
 */
public final class OpenAiProvider extends PollingProvider {

    public static final String DIALECT = "openai";

    /**
     * The ratios seed 003 documents for {@code aspect_ratio}: the generations form's list, and the
     * nano-banana forms' 4:5 and 5:4.
     */
    static final List<String> RATIOS =
            List.of("21:9", "16:9", "4:3", "3:2", "5:4", "1:1", "4:5", "2:3", "3:4", "9:16", "9:21");

    private final OpenAiRequests requests;
    private final ImageUrls urls;

    public OpenAiProvider(ProviderSettings settings, ProviderKit kit) {
        super(settings, kit);
        this.requests = new OpenAiRequests(kit.json());
        this.urls = kit.urls();
    }

    @Override
    public boolean takesCount(String model) {
        return OpenAiRequests.takesCount(model);
    }

    @Override
    public boolean canSendImages(String model) {
        return !PromptLinks.takesLinks(model) || urls.available();
    }

    @Override
    public boolean needsInputImage(String model) {
        return PromptLinks.needsImage(model);
    }

    @Override
    public Outcome generate(GenerationRequest request, JobContext context) {
        Flattened flat = Flattened.of(request.history(), request.capabilities().maxInputImages());
        if (PromptLinks.takesLinks(request.model()) && !flat.images().isEmpty()) {
            if (!urls.available()) {
                // Accepted while the bot had a public address, run after it lost it.
                return new Outcome.Failed(
                        false,
                        "server.public-url is not configured; " + request.model() + " takes its images only as links");
            }
            flat = PromptLinks.inPrompt(flat, urls);
        }
        boolean edit = request.mask().isPresent()
                || (!flat.images().isEmpty()
                        && request.capabilities().fields().inputImages() == RequestFields.InputImages.EDIT_FORM);
        RequestBody body = edit ? requests.edit(request, flat) : requests.generation(request, flat);
        var http = request(
                        edit ? "images/edits" : "images/generations",
                        url -> settings.async() ? url.addQueryParameter("async", "true") : url)
                .post(body)
                .build();
        return submit(http, request.model(), context, this::readAnswer);
    }

    /**
     * A model documented with pixel sizes keeps the ratios they give; any other takes only the
     * ratios this dialect's {@code aspect_ratio} is documented with, and an output size only when it
     * is nano-banana-2 (seed 003: "仅 nano-banana-2 支持").
     */
    @Override
    public ModelCapabilities capabilities(ModelCapabilities model) {
        if (!model.fields().pixelSizes().isEmpty()) {
            return model;
        }
        return model.narrowedTo(RATIOS, model.id().equals("nano-banana-2"));
    }

    @Override
    protected Request taskRequest(String taskId) {
        return request("images/tasks", url -> url.addPathSegment(taskId)).get().build();
    }

    /**
     * The answer to a generation or edit: the images, or in async mode the task's id, given as
     * {@code {"task_id":…}} or wrapped as {@code {"code":"success","data":"…"}}.
     */
    private Step readAnswer(JsonNode answer) {
        if (!succeeded(answer)) {
            return finished(failed(gatewayWords(answer), false));
        }
        JsonNode data = answer.path("data");
        String taskId = answer.path("task_id").asText(data.isTextual() ? data.asText() : "");
        if (!data.isArray() && !taskId.isBlank()) {
            return new Step.Running(taskId, OptionalInt.empty());
        }
        return finished(results.read(data));
    }

    /** The task's state: {@code {"code":"success","data":{"status",…,"progress":"40%","data":{"data":[…]}}}}. */
    @Override
    protected Step readTask(JsonNode answer) {
        JsonNode task = answer.path("data");
        if (!succeeded(answer) || !task.isObject()) {
            String words = gatewayWords(answer);
            return finished(
                    new Outcome.Failed(false, Cause.of(Cause.Kind.TASK_UNREPORTED), words.isEmpty() ? null : words));
        }
        return switch (task.path("status").asText("").toUpperCase(Locale.ROOT)) {
            case "SUCCESS" -> {
                JsonNode result = task.path("data");
                yield finished(results.read(result.isArray() ? result : result.path("data")));
            }
            case "FAILURE" -> finished(failed(task.path("fail_reason").asText(""), false));
            default -> new Step.Running(task.path("task_id").asText(""), percent(task.path("progress")));
        };
    }

    /** Whether a wrapped answer's {@code code} says success; plain OpenAI answers have no code. */
    private static boolean succeeded(JsonNode answer) {
        JsonNode code = answer.path("code");
        return !code.isTextual() || code.asText().equalsIgnoreCase("success");
    }

    /** The wrapper's {@code message}, else its {@code code}; empty when it has neither. */
    private static String gatewayWords(JsonNode answer) {
        String message = answer.path("message").asText("").strip();
        return message.isEmpty() ? answer.path("code").asText("").strip() : message;
    }
}
