package dev.redraw.core.provider;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.net.Bodies;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one HTTP call for a provider: with its timeout, abortable by the job's cancellation, with a
 * cap on the answer's size, and with I/O failures turned into outcomes. Also writes the operator's
 * one log line per answer: provider, model, status and request id, never the key.
 */
public final class ProviderCall {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCall.class);
    /** Base64 of a 4K PNG is about 40 MB; anything far beyond that is not an answer. */
    static final long MAX_ANSWER_BYTES = 128L * 1024 * 1024;

    /** What a call ends with when its job was cancelled meanwhile. */
    public static final Outcome CANCELLED = new Outcome.Failed(false, Cause.of(Cause.Kind.CANCELLED));

    private final ProviderSettings settings;
    private final OkHttpClient http;
    /** Limits the answers read and handled at once, across providers. */
    private final Bulkheads bulkheads;

    public ProviderCall(ProviderSettings settings, OkHttpClient http, Bulkheads bulkheads) {
        this.settings = settings;
        this.bulkheads = java.util.Objects.requireNonNull(bulkheads, "bulkheads");
        long millis = settings.timeout().toMillis();
        this.http = http.newBuilder()
                .callTimeout(millis, TimeUnit.MILLISECONDS)
                .readTimeout(millis, TimeUnit.MILLISECONDS)
                .build();
    }

    /** A request builder for {@code path} under the base URL, with the key in the configured header. */
    public Request.Builder request(String path) {
        var builder = new Request.Builder().url(settings.resolve(path));
        return switch (settings.auth()) {
            case BEARER -> builder.header("Authorization", "Bearer " + settings.apiKey());
            case GOOGLE_API_KEY -> builder.header("x-goog-api-key", settings.apiKey());
        };
    }

    /** An answer read whole, or the outcome that stands in for one that never came. */
    public sealed interface Result {
        /** @param bytes the body as received; {@link #body()} is its text */
        record Answer(int status, byte[] bytes, Headers headers) implements Result {
            public String header(String name) {
                return headers.get(name);
            }

            /** The body as UTF-8 text. */
            public String body() {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }

        record NoAnswer(Outcome outcome) implements Result {}
    }

    /**
     * Makes the call and hands its result to {@code handle}, reading and handling the answer while
     * holding one of a few reading permits. When many answers arrive together (a wave of jobs whose
     * model calls began together), they are read and decoded a few at a time: the heap holds a few
     * answers instead of all of them, and the rest wait unread in their sockets. Two cores cannot
     * decode more at once anyway.
     */
    public <T> T execute(Request request, String model, JobContext context, Function<Result, T> handle) {
        var call = http.newCall(request);
        try (var cancelling = context.onCancel(call::cancel);
                Response response = call.execute()) {
            Bulkheads.Permit permit;
            try {
                permit = bulkheads.reading();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return handle.apply(new Result.NoAnswer(CANCELLED));
            }
            try (permit) {
                return handle.apply(read(response, model));
            }
        } catch (IOException e) {
            return handle.apply(failure(e, model, context));
        }
    }

    /** Reads one line of a streamed answer; a value ends the reading with it. */
    @FunctionalInterface
    public interface LineReader<T> {
        Optional<T> line(String line, Headers headers);
    }

    /**
     * Makes the call and, when it answers 2xx, hands its body to {@code lines} line by line as they
     * arrive, until one gives a value; no reading permit is held meanwhile, as a stream may last
     * minutes. Anything else (an error status, a stream that ends without a value, a line over
     * {@link #MAX_LINE_BYTES}, no answer) goes to {@code otherwise}: an error status read whole, a
     * stream that ended as an empty 2xx answer.
     */
    public <T> T executeLines(
            Request request, String model, JobContext context, LineReader<T> lines, Function<Result, T> otherwise) {
        var call = http.newCall(request);
        try (var cancelling = context.onCancel(call::cancel);
                Response response = call.execute()) {
            if (!response.isSuccessful()) {
                return otherwise.apply(read(response, model));
            }
            BufferedSource source = response.body().source();
            Optional<String> line;
            while ((line = nextLine(source)).isPresent()) {
                Optional<T> value = lines.line(line.get(), response.headers());
                if (value.isPresent()) {
                    return value.get();
                }
            }
            return otherwise.apply(new Result.Answer(response.code(), new byte[0], response.headers()));
        } catch (LineTooLongException e) {
            LOG.warn("provider={} model={} streamed a line over {} bytes", settings.name(), model, MAX_LINE_BYTES);
            return otherwise.apply(
                    new Result.NoAnswer(new Outcome.Failed(false, Cause.of(Cause.Kind.ANSWER_TOO_LARGE))));
        } catch (IOException e) {
            return otherwise.apply(failure(e, model, context));
        }
    }

    /** The longest line a stream may send; its events carry links, not images. */
    static final long MAX_LINE_BYTES = 1024 * 1024;

    private static Optional<String> nextLine(BufferedSource source) throws IOException {
        long newline = source.indexOf((byte) '\n', 0, MAX_LINE_BYTES);
        if (newline >= 0) {
            String line = source.readUtf8(newline);
            source.skip(1);
            return Optional.of(line);
        }
        if (source.request(MAX_LINE_BYTES)) {
            throw new LineTooLongException();
        }
        return source.exhausted() ? Optional.empty() : Optional.of(source.readUtf8());
    }

    private static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line too long", null);
        }
    }

    /**
     * The whole answer, read straight into one array of its declared length when it declares one
     * (see {@link Bodies}; a compressed or chunked answer is read in 64 KB pieces). Read through
     * okio's buffer, a 1.35 MB answer would first fill some 170 fresh 8 KB segments and then be
     * copied out of them, garbage that brings the next collection pause closer for every user.
     */
    private Result read(Response response, String model) throws IOException {
        try {
            byte[] body =
                    Bodies.read(response.body().byteStream(), response.body().contentLength(), MAX_ANSWER_BYTES);
            return new Result.Answer(response.code(), body, response.headers());
        } catch (Bodies.TooLarge e) {
            LOG.warn("provider={} model={} answer over {} bytes", settings.name(), model, MAX_ANSWER_BYTES);
            return new Result.NoAnswer(new Outcome.Failed(false, Cause.of(Cause.Kind.ANSWER_TOO_LARGE)));
        }
    }

    private Result failure(IOException e, String model, JobContext context) {
        if (context.cancelled()) {
            return new Result.NoAnswer(CANCELLED);
        }
        if (e instanceof InterruptedIOException) {
            LOG.warn("provider={} model={} timed out after {} s", settings.name(), model, seconds());
            return new Result.NoAnswer(new Outcome.Failed(true, Cause.of(Cause.Kind.TIMEOUT, seconds())));
        }
        LOG.warn(
                "provider={} model={} unreachable: {}",
                settings.name(),
                model,
                e.getClass().getSimpleName());
        return new Result.NoAnswer(new Outcome.Failed(true, Cause.of(Cause.Kind.UNREACHABLE)));
    }

    /** The timeout in whole seconds, rounded up: a wait is never said to be shorter than it was. */
    private long seconds() {
        return (settings.timeout().toMillis() + 999) / 1000;
    }

    /** The operator's line for one answer. */
    public void log(String model, Result.Answer answer, Outcome outcome) {
        String requestId = firstHeader(answer, "x-request-id", "request-id", "x-oneapi-request-id", "cf-ray");
        if (outcome instanceof Outcome.Images || outcome instanceof Outcome.TextOnly) {
            LOG.info(
                    "provider={} model={} status={} request-id={} outcome={}",
                    settings.name(),
                    model,
                    answer.status(),
                    requestId,
                    outcome.getClass().getSimpleName());
        } else {
            LOG.warn(
                    "provider={} model={} status={} request-id={} outcome={}",
                    settings.name(),
                    model,
                    answer.status(),
                    requestId,
                    outcome);
        }
    }

    private static String firstHeader(Result.Answer answer, String... names) {
        for (String name : names) {
            String value = answer.header(name);
            if (value != null) {
                return value;
            }
        }
        return "-";
    }
}
