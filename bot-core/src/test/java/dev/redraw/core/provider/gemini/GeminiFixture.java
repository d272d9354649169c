package dev.redraw.core.provider.gemini;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.model.RequestFields;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.TestImages;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/** A Gemini provider pointed at a test server, the images it may load, and Google-shaped answers. */
final class GeminiFixture {

    static final String KEY = "AIzaSy-test-secret-0123456789";
    static final ModelCapabilities PRO_IMAGE = new ModelCapabilities(
            "gemini-3-pro-image-preview",
            14,
            List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"),
            List.of("1K", "2K", "4K"),
            false,
            Map.of(),
            Optional.empty(),
            7L * 1024 * 1024,
            8_000,
            true,
            RequestFields.NONE);

    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();

    /** A provider at {@code base} sending the key as Google's {@code x-goog-api-key} header. */
    static GeminiProvider provider(HttpUrl base, Duration timeout) {
        return provider(base, timeout, ProviderSettings.Auth.GOOGLE_API_KEY);
    }

    static GeminiProvider provider(HttpUrl base, Duration timeout, ProviderSettings.Auth auth) {
        return new GeminiProvider(settings(base, timeout, auth), Providers.kit(new Providers.RecordingSleeper()));
    }

    /** A provider at {@code base} asking for {@code modalities}, as a configured provider does. */
    static GeminiProvider provider(HttpUrl base, ProviderSettings.Auth auth, List<ResponseModality> modalities) {
        return new GeminiProvider(
                settings(base, Duration.ofSeconds(5), auth),
                Providers.kit(new Providers.RecordingSleeper()),
                modalities);
    }

    private static ProviderSettings settings(HttpUrl base, Duration timeout, ProviderSettings.Auth auth) {
        var plain = Providers.settings("google", base, KEY, timeout);
        return new ProviderSettings(
                plain.name(), plain.baseUrl(), plain.apiKey(), plain.timeout(), false, auth, plain.polling());
    }

    /** Runs {@code history} on {@code provider} at 16:9 with no size choice. */
    Outcome generate(GeminiProvider provider, History history, JobContext context) {
        return provider.generate(request(history, Optional.empty()), context);
    }

    GenerationRequest request(History history, Optional<String> imageSize) {
        return new GenerationRequest(PRO_IMAGE, "16:9", imageSize, history, ref -> stored.get(ref.sha256()));
    }

    /** Stores {@code bytes} so the provider can load them, and returns their reference. */
    ImageRef store(byte[] bytes, String mimeType) {
        var decoded = TestImages.decode(bytes);
        String sha = TestImages.sha256(bytes);
        stored.put(sha, bytes);
        return new ImageRef(sha, mimeType, decoded.getWidth(), decoded.getHeight(), bytes.length);
    }

    static History history(History.Entry... turns) {
        return new History(Arrays.asList(turns), 0);
    }

    static History.Entry user(Part... parts) {
        return new History.Entry(Role.USER, List.of(parts));
    }

    static History.Entry model(Part... parts) {
        return new History.Entry(Role.MODEL, List.of(parts));
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A non-thought image part with extra fields ({@code ,"thoughtSignature":"…"}) after its data. */
    static String imagePart(byte[] png, String extra) {
        return "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + b64(png) + "\"}" + extra + "}";
    }

    /** A finished answer of one candidate holding {@code parts} (JSON objects, comma-separated). */
    static String answer(String parts) {
        return candidate("{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]},\"finishReason\":\"STOP\"}");
    }

    static String candidate(String candidate) {
        return "{\"candidates\":[" + candidate + "],\"usageMetadata\":{\"promptTokenCount\":12}}";
    }

    static MockResponse ok(String body) {
        return json(200, body);
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json; charset=UTF-8")
                .body(body)
                .build();
    }

    /** Google's error body: {@code {"error":{code, message, status, details}}}. */
    static MockResponse googleError(int code, String status, String message, String details) {
        return json(
                code,
                "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status
                        + "\",\"details\":[" + details + "]}}");
    }

    /** An answer whose headers come only after {@code seconds}. */
    static MockResponse silentFor(int seconds) {
        return new MockResponse.Builder()
                .headersDelay(seconds, TimeUnit.SECONDS)
                .body("{}")
                .build();
    }
}
