package dev.redraw.core.provider.contents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code contents} dialect: Nebula-style {@code /v1/images/generations} with a Gemini-like
 * multi-turn {@code contents} history, answers wrapped in {@code {code, msg, data}}.
 */
public final class ContentsProvider implements ImageProvider {

    public static final String DIALECT = "contents";
    static final String CANCELLED = "cancelled";

    private static final Logger LOG = LoggerFactory.getLogger(ContentsProvider.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** Base64 of a 4K PNG is about 40 MB; anything far beyond that is not an answer. */
    static final long MAX_ANSWER_BYTES = 128L * 1024 * 1024;

    private final String name;
    private final HttpUrl endpoint;
    private final String apiKey;
    private final OkHttpClient http;
    private final Duration timeout;
    private final ContentsRequestWriter writer;
    private final ContentsResponseReader reader;

    public ContentsProvider(
            String name,
            HttpUrl baseUrl,
            String apiKey,
            OkHttpClient http,
            Duration timeout,
            ObjectMapper json,
            ContentsResponseReader reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.endpoint = endpoint(baseUrl);
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.timeout = timeout;
        this.http = http.newBuilder()
                .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.writer = new ContentsRequestWriter(json);
        this.reader = reader;
    }

    /** Accepts a base URL with or without a trailing {@code /v1}. */
    static HttpUrl endpoint(HttpUrl baseUrl) {
        var builder = baseUrl.newBuilder();
        var segments = baseUrl.pathSegments();
        boolean hasV1 = segments.stream()
                .filter(s -> !s.isEmpty())
                .reduce((a, b) -> b)
                .orElse("")
                .equals("v1");
        if (!segments.isEmpty() && segments.getLast().isEmpty()) {
            builder.removePathSegment(segments.size() - 1);
        }
        return builder.addPathSegments(hasV1 ? "images/generations" : "v1/images/generations")
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome generate(GenerationRequest request, JobContext context) {
        String body;
        try {
            body = writer.write(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the request", e);
        }
        var call = new Request.Builder()
                .url(endpoint)
                .header("Authorization", "Bearer " + apiKey)
                .post(RequestBody.create(body, JSON))
                .build();
        var pending = http.newCall(call);
        context.onCancel(pending::cancel);
        try (Response response = pending.execute()) {
            BufferedSource source = response.body().source();
            if (source.request(MAX_ANSWER_BYTES + 1)) {
                LOG.warn("provider={} model={} answer over {} bytes", name, request.model(), MAX_ANSWER_BYTES);
                return new Outcome.Failed(false, "the image service's answer was too large");
            }
            String text = source.getBuffer().readUtf8();
            Outcome outcome = reader.read(response.code(), text, response.header("Retry-After"));
            log(request.model(), response, outcome);
            return outcome;
        } catch (IOException e) {
            if (context.cancelled()) {
                return new Outcome.Failed(false, CANCELLED);
            }
            if (e instanceof InterruptedIOException) {
                LOG.warn("provider={} model={} timed out after {} s", name, request.model(), timeout.toSeconds());
                return new Outcome.Failed(true, "no answer within " + timeout.toSeconds() + " s");
            }
            LOG.warn(
                    "provider={} model={} unreachable: {}",
                    name,
                    request.model(),
                    e.getClass().getSimpleName());
            return new Outcome.Failed(true, "the image service could not be reached");
        }
    }

    private void log(String model, Response response, Outcome outcome) {
        String requestId = firstHeader(response, "x-request-id", "request-id", "x-oneapi-request-id", "cf-ray");
        if (outcome instanceof Outcome.Images || outcome instanceof Outcome.TextOnly) {
            LOG.info(
                    "provider={} model={} status={} request-id={} outcome={}",
                    name,
                    model,
                    response.code(),
                    requestId,
                    outcome.getClass().getSimpleName());
        } else {
            LOG.warn(
                    "provider={} model={} status={} request-id={} outcome={}",
                    name,
                    model,
                    response.code(),
                    requestId,
                    outcome);
        }
    }

    private static String firstHeader(Response response, String... names) {
        for (String header : names) {
            String value = response.header(header);
            if (value != null) {
                return value;
            }
        }
        return "-";
    }
}
