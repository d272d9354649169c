package dev.redraw.core.provider.contents;

import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.ProviderCall;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.ResultImages;
import okhttp3.MediaType;

/**
 * The {@code contents} dialect: Nebula-style {@code /v1/images/generations} with a Gemini-like
 * multi-turn {@code contents} history, answers wrapped in {@code {code, msg, data}}.
 */
public final class ContentsProvider implements ImageProvider {

    public static final String DIALECT = "contents";

    static final MediaType JSON = MediaType.get("application/json");

    private final ProviderSettings settings;
    private final ProviderCall call;
    private final ContentsRequestWriter writer;
    private final ContentsResponseReader reader;

    public ContentsProvider(ProviderSettings settings, ProviderKit kit) {
        this.settings = settings;
        this.call = new ProviderCall(settings, kit.http(), kit.bulkheads());
        this.writer = new ContentsRequestWriter(kit.json());
        this.reader = new ContentsResponseReader(kit.json(), new ResultImages(kit.downloader()));
    }

    /** Accepts a base URL with or without a trailing {@code /v1}. */
    static String path(ProviderSettings settings) {
        var segments = settings.baseUrl().pathSegments();
        boolean hasV1 = segments.stream()
                .filter(s -> !s.isEmpty())
                .reduce((a, b) -> b)
                .orElse("")
                .equals("v1");
        return hasV1 ? "images/generations" : "v1/images/generations";
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public Outcome generate(GenerationRequest request, JobContext context) {
        var http =
                call.request(path(settings)).post(writer.write(request, JSON)).build();
        return call.execute(http, request.model(), context, result -> switch (result) {
            case ProviderCall.Result.NoAnswer none -> none.outcome();
            case ProviderCall.Result.Answer answer -> {
                Outcome outcome = reader.read(answer.status(), answer.bytes(), answer.header("Retry-After"));
                call.log(request.model(), answer, outcome);
                yield outcome;
            }
        });
    }
}
