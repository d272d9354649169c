package dev.redraw.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.app.config.ProviderConfig;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.ImageUrls;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.ResultDownloader;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.provider.contents.ContentsProvider;
import dev.redraw.core.provider.gemini.GeminiProvider;
import dev.redraw.core.provider.openai.OpenAiProvider;
import dev.redraw.core.provider.task.TaskProvider;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Builds one provider per configured entry, each speaking its dialect. */
final class ProviderFactory {

    /** Results are downloaded whole before posting; far beyond a 4K PNG is not an image. */
    private static final long MAX_RESULT_BYTES = 50L * 1024 * 1024;

    private final OkHttpClient http;
    private final Bulkheads bulkheads;
    private final ImageUrls urls;
    private final ObjectMapper json = new ObjectMapper();

    ProviderFactory(OkHttpClient http, Bulkheads bulkheads, ImageUrls urls) {
        this.http = http;
        this.bulkheads = bulkheads;
        this.urls = urls;
    }

    List<ProviderRoute> routes(RedrawConfig config) {
        return config.providers().stream()
                .map(provider -> new ProviderRoute(provider(provider), provider.models()))
                .toList();
    }

    private ImageProvider provider(ProviderConfig provider) {
        HttpUrl baseUrl = HttpUrl.get(provider.baseUrl().toString());
        // A provider on this machine (a local gateway, or a test double) may hand back local result URLs.
        var downloader = new ResultDownloader(http, MAX_RESULT_BYTES, provider.timeout(), isLocal(baseUrl.host()));
        var settings = new ProviderSettings(
                provider.name(),
                baseUrl,
                provider.apiKey().value(),
                provider.timeout(),
                provider.async(),
                switch (provider.auth()) {
                    case BEARER -> ProviderSettings.Auth.BEARER;
                    case GOOGLE_API_KEY -> ProviderSettings.Auth.GOOGLE_API_KEY;
                },
                new ProviderSettings.Polling(provider.pollInterval(), provider.pollMaxInterval(), provider.maxWait()),
                provider.stream());
        var kit = new ProviderKit(http, json, downloader, Sleeper.REAL, bulkheads, urls);
        return switch (provider.dialect()) {
            case CONTENTS -> new ContentsProvider(settings, kit);
            case OPENAI -> new OpenAiProvider(settings, kit);
            case GEMINI -> new GeminiProvider(settings, kit, provider.sentResponseModalities());
            case TASK -> new TaskProvider(settings, kit);
        };
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
