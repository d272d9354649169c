package dev.redraw.core.provider.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.BinaryResultTree;
import dev.redraw.core.provider.HttpProblem;
import dev.redraw.core.provider.ProviderCall;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.ResultImages;
import dev.redraw.core.provider.TaskPolling;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dialect whose calls may answer with a task instead of a result. A call's JSON answer either
 * ends the job or names a running task, which is reported to the job at once (so a restart can
 * {@link #resume} it) and then polled until it ends.
 *
 * <p>Answers that are not JSON, carry a non-2xx status or an OpenAI-style {@code {"error":{…}}}
 * object are classified here; a dialect's {@link Reader} sees only successful JSON objects. While
 * polling, a dropped connection or an overloaded gateway (429, 5xx) says nothing about the task,
 * so the task is looked at again later instead of being given up.
 */
public abstract class PollingProvider implements ImageProvider {

    private static final Logger LOG = LoggerFactory.getLogger(PollingProvider.class);

    protected final ProviderSettings settings;
    /** Reads result items into images, downloading URLs. */
    protected final ResultItems results;

    private final ProviderCall call;
    private final ObjectMapper json;
    private final TaskPolling polling;

    /** What one successful answer says. */
    public sealed interface Step {
        /** The job is over, one way or the other. */
        record Finished(Outcome outcome) implements Step {}

        /** The upstream is still working on task {@code taskId}. */
        record Running(String taskId, OptionalInt progress) implements Step {}
    }

    /** Reads a successful JSON answer of the dialect. */
    @FunctionalInterface
    public interface Reader {
        Step read(JsonNode answer);
    }

    protected PollingProvider(ProviderSettings settings, ProviderKit kit) {
        this.settings = settings;
        this.results = new ResultItems(kit.downloader());
        this.call = new ProviderCall(settings, kit.http(), kit.bulkheads());
        this.json = kit.json();
        this.polling = new TaskPolling(settings.polling(), kit.sleeper());
    }

    /** The request that looks at task {@code taskId}. */
    protected abstract Request taskRequest(String taskId);

    /** Reads the answer of {@link #taskRequest}. */
    protected abstract Step readTask(JsonNode answer);

    @Override
    public final String name() {
        return settings.name();
    }

    /** Polls task {@code taskId} that an earlier run submitted, looking at once. */
    @Override
    public final Outcome resume(String model, String taskId, JobContext context) {
        return polling.until(context, () -> look(taskId, model, context));
    }

    /**
     * A request for {@code path} under the API's {@code /v1}, which the base URL may already end
     * with, carrying the key; {@code url} may add query parameters or path segments.
     */
    protected final Request.Builder request(String path, UnaryOperator<HttpUrl.Builder> url) {
        String full = underV1(settings, path);
        return call.request(full)
                .url(url.apply(settings.resolve(full).newBuilder()).build());
    }

    static String underV1(ProviderSettings settings, String path) {
        String base = settings.baseUrl().encodedPath();
        return base.endsWith("/v1") || base.endsWith("/v1/") ? path : "v1/" + path;
    }

    /** Sends {@code request}; a running task it starts is reported at once, then polled until it ends. */
    protected final Outcome submit(Request request, String model, JobContext context, Reader reader) {
        Step step = call.execute(request, model, context, result -> read(result, model, reader));
        if (!(step instanceof Step.Running running)) {
            return ((Step.Finished) step).outcome();
        }
        if (running.taskId().isBlank()) {
            return new Outcome.Failed(false, Cause.of(Cause.Kind.NO_TASK));
        }
        context.taskAccepted(running.taskId());
        // The first look is the answer just read; the next one waits a little.
        var firstLook = new AtomicBoolean(true);
        return polling.until(
                context,
                () -> firstLook.getAndSet(false)
                        ? new TaskPolling.Status.Running(running.progress())
                        : look(running.taskId(), model, context));
    }

    /**
     * Sends {@code request} for a streamed answer: each event (a JSON object, alone on its line or
     * in an SSE {@code data:} line) is read by {@code reader} as it arrives. Progress goes to the
     * job at once and the task id is reported as soon as an event names it; the first event that
     * ends the job gives the outcome. A stream that breaks off or ends early, once a task id is
     * known, is followed up by polling that task instead of paying for the request again.
     */
    protected final Outcome submitStream(Request request, String model, JobContext context, Reader reader) {
        var task = new AtomicReference<String>("");
        Streamed streamed = call.executeLines(
                request,
                model,
                context,
                (line, headers) -> StreamEvents.data(line).flatMap(data -> {
                    var answer = new ProviderCall.Result.Answer(200, data, headers);
                    return switch (read(answer, model, reader)) {
                        case Step.Finished finished -> Optional.of(new Streamed.Ended(finished.outcome()));
                        case Step.Running running -> {
                            running.progress().ifPresent(context::progress);
                            if (task.get().isEmpty() && !running.taskId().isBlank()) {
                                task.set(running.taskId());
                                context.taskAccepted(running.taskId());
                            }
                            yield Optional.empty();
                        }
                    };
                }),
                result -> task.get().isEmpty() || context.cancelled()
                        ? new Streamed.Ended(endedStream(result, model, reader))
                        : new Streamed.BrokenOff());
        return switch (streamed) {
            case Streamed.Ended ended -> ended.outcome();
            case Streamed.BrokenOff brokenOff -> {
                LOG.info(
                        "provider={} model={} task={} stream ended early; polling the task",
                        settings.name(),
                        model,
                        task.get());
                yield polling.until(context, () -> look(task.get(), model, context));
            }
        };
    }

    /** How a stream ended: with the job's outcome, or broken off after naming its task. */
    private sealed interface Streamed {
        record Ended(Outcome outcome) implements Streamed {}

        record BrokenOff() implements Streamed {}
    }

    /** What a stream that ended before naming its task amounts to. */
    private Outcome endedStream(ProviderCall.Result result, String model, Reader reader) {
        if (result instanceof ProviderCall.Result.Answer answer
                && answer.status() / 100 == 2
                && answer.bytes().length == 0) {
            return new Outcome.Failed(true, Cause.of(Cause.Kind.NO_TASK));
        }
        return switch (read(result, model, reader)) {
            case Step.Finished finished -> finished.outcome();
            case Step.Running running -> new Outcome.Failed(true, Cause.of(Cause.Kind.NO_TASK));
        };
    }

    private TaskPolling.Status look(String taskId, String model, JobContext context) {
        return call.execute(taskRequest(taskId), model, context, result -> {
            if (isGlitch(result)) {
                LOG.warn("provider={} model={} task={} could not be checked this time", settings.name(), model, taskId);
                return new TaskPolling.Status.Running(OptionalInt.empty());
            }
            return switch (read(result, model, this::readTask)) {
                case Step.Finished finished -> new TaskPolling.Status.Done(finished.outcome());
                case Step.Running running -> new TaskPolling.Status.Running(running.progress());
            };
        });
    }

    private static boolean isGlitch(ProviderCall.Result result) {
        return switch (result) {
            case ProviderCall.Result.NoAnswer none ->
                none.outcome() instanceof Outcome.Failed failed && failed.transientFailure();
            case ProviderCall.Result.Answer answer -> answer.status() == 429 || answer.status() >= 500;
        };
    }

    private Step read(ProviderCall.Result result, String model, Reader reader) {
        if (!(result instanceof ProviderCall.Result.Answer answer)) {
            return new Step.Finished(((ProviderCall.Result.NoAnswer) result).outcome());
        }
        Step step = classify(answer, reader);
        if (step instanceof Step.Finished finished) {
            call.log(model, answer, finished.outcome());
        }
        return step;
    }

    private Step classify(ProviderCall.Result.Answer answer, Reader reader) {
        var retryAfter = HttpProblem.retryAfterHeader(answer.header("Retry-After"));
        Optional<JsonNode> root = object(answer.bytes());
        if (answer.status() < 200 || answer.status() >= 300) {
            String message = root.map(PollingProvider::errorMessage).orElse("");
            return new Step.Finished(HttpProblem.classify(answer.status(), message, retryAfter));
        }
        if (root.isEmpty()) {
            return new Step.Finished(new Outcome.Failed(true, Cause.of(Cause.Kind.NOT_JSON)));
        }
        JsonNode error = root.get().path("error");
        if (error.isObject()) {
            int status = error.path("status").asInt(error.path("code").asInt(500));
            return new Step.Finished(HttpProblem.classify(status, errorMessage(root.get()), retryAfter));
        }
        return reader.read(root.get());
    }

    private Optional<JsonNode> object(byte[] body) {
        JsonNode node = BinaryResultTree.read(json, body, Set.of(ResultImages.BASE64_FIELD));
        return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    }

    /**
     * The upstream's own words in an error answer: {@code error.message} with {@code error.code}
     * (or its {@code type}) appended, or a plain {@code error}, {@code message} or {@code msg} text.
     */
    static String errorMessage(JsonNode root) {
        JsonNode error = root.path("error");
        String message = text(error, "message")
                .or(() -> text(root, "error", "message", "msg", "detail"))
                .orElse("");
        String code = text(error, "code").or(() -> text(error, "type")).orElse("");
        return code.isEmpty() || message.contains(code) ? message : (message + " [" + code + "]").strip();
    }

    /** The first of {@code fields} of {@code node} that holds non-blank text. */
    static Optional<String> text(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                return Optional.of(value.asText().strip());
            }
        }
        return Optional.empty();
    }

    /** A task's progress given as a number ({@code 40}) or as a percentage string ({@code "40%"}). */
    protected static OptionalInt percent(JsonNode progress) {
        String text = progress.asText("").replace("%", "").strip();
        try {
            // Clamped before narrowing: a huge number must not wrap around to a negative one.
            return OptionalInt.of(Math.clamp(Math.round(Double.parseDouble(text)), 0, 100));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * A task that ended in failure, in the upstream's words: a refusal when they speak of the
     * content policy, otherwise a failure that is {@code transientFailure} or not.
     */
    protected static Outcome failed(String reason, boolean transientFailure) {
        if (reason == null || reason.isBlank()) {
            return new Outcome.Failed(transientFailure, Cause.of(Cause.Kind.TASK_GAVE_UP));
        }
        String text = reason.strip();
        // Only policy words decide here: no HTTP status applies to a task's own verdict.
        return HttpProblem.classify(0, text, Optional.empty()) instanceof Outcome.Refused refused
                ? refused
                : new Outcome.Failed(transientFailure, text);
    }

    protected static Step finished(Outcome outcome) {
        return new Step.Finished(outcome);
    }
}
