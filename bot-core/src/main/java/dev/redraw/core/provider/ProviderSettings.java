package dev.redraw.core.provider;

import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * One configured provider.
 *
 * @param timeout the longest one HTTP call may take
 * @param async whether to use the dialect's asynchronous form (a task id, then polling)
 * @param auth how the key is sent
 * @param polling how asynchronous tasks are polled
 * @param stream whether to ask for a streamed answer that reports progress as it goes, where the dialect has one
 */
public record ProviderSettings(
        String name,
        HttpUrl baseUrl,
        String apiKey,
        Duration timeout,
        boolean async,
        Auth auth,
        Polling polling,
        boolean stream) {

    /** Settings for an answer that is not streamed. */
    public ProviderSettings(
            String name, HttpUrl baseUrl, String apiKey, Duration timeout, boolean async, Auth auth, Polling polling) {
        this(name, baseUrl, apiKey, timeout, async, auth, polling, false);
    }

    /** How the API key travels: {@code Authorization: Bearer …}, or Google's {@code x-goog-api-key} header. */
    public enum Auth {
        BEARER,
        GOOGLE_API_KEY
    }

    /**
     * Polling of asynchronous tasks: the first wait, the longest wait (waits grow by half each time),
     * and when to give up.
     */
    public record Polling(Duration firstInterval, Duration maxInterval, Duration maxWait) {
        public static final Polling DEFAULTS =
                new Polling(Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofMinutes(10));
    }

    /** The base URL with {@code path} appended, keeping any path the base already has. */
    public HttpUrl resolve(String path) {
        var builder = baseUrl.newBuilder();
        var segments = baseUrl.pathSegments();
        if (!segments.isEmpty() && segments.getLast().isEmpty()) {
            builder.removePathSegment(segments.size() - 1);
        }
        return builder.addPathSegments(path).build();
    }
}
