package dev.redraw.core.provider.gemini;

import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.ProviderCall;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.ResultImages;
import java.util.List;

/**
 * The {@code gemini} dialect: Google's native {@code /v1beta/models/{model}:generateContent}, with the
 * whole history sent as {@code contents} and each earlier model part replayed with its thought
 * signature (see {@link GeminiPartData} for how signatures are stored).
 */
public final class GeminiProvider implements ImageProvider {

    public static final String DIALECT = "gemini";

    private static final String API_VERSION = "v1beta";

    private final ProviderSettings settings;
    private final ProviderCall call;
    private final GeminiRequestWriter writer;
    private final GeminiResponseReader reader;

    /** A provider asking for {@linkplain ResponseModality#DEFAULT text and image}. */
    public GeminiProvider(ProviderSettings settings, ProviderKit kit) {
        this(settings, kit, ResponseModality.DEFAULT);
    }

    /**
     * @param responseModalities what every request asks the answer to hold, sent in this order; must
     *     hold {@link ResponseModality#IMAGE}, each at most once. Whatever the answer holds is read the
     *     same way: a gateway asked for images alone may still answer in words.
     */
    public GeminiProvider(ProviderSettings settings, ProviderKit kit, List<ResponseModality> responseModalities) {
        this.call = new ProviderCall(settings, kit.http(), kit.bulkheads());
        this.settings = settings;
        var partData = new GeminiPartData(kit.json());
        this.writer = new GeminiRequestWriter(partData, responseModalities);
        this.reader = new GeminiResponseReader(kit.json(), new ResultImages(kit.downloader()), partData);
    }

    /** The method's path under the base URL, which may already end in {@code /v1beta}. */
    static String path(ProviderSettings settings, String model) {
        List<String> segments = settings.baseUrl().pathSegments().stream()
                .filter(segment -> !segment.isEmpty())
                .toList();
        boolean versioned = !segments.isEmpty() && segments.getLast().equals(API_VERSION);
        String name = model.startsWith("models/") ? model : "models/" + model;
        return (versioned ? "" : API_VERSION + "/") + name + ":generateContent";
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public Outcome generate(GenerationRequest request, JobContext context) {
        var http = call.request(path(settings, request.model()))
                .post(writer.write(request))
                .build();
        return call.execute(http, request.model(), context, result -> switch (result) {
            case ProviderCall.Result.NoAnswer none -> none.outcome();
            case ProviderCall.Result.Answer answer -> read(request.model(), answer);
        });
    }

    private Outcome read(String model, ProviderCall.Result.Answer answer) {
        Outcome outcome = reader.read(answer.status(), answer.body(), answer.header("Retry-After"));
        call.log(model, answer, outcome);
        return outcome;
    }
}
