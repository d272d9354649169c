package dev.redraw.core.provider.contents;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building and sending the upstream JSON for a fusion of five 7 MB images: the hot path whose
 * allocation per byte of image matters. The body is written as OkHttp writes it, into a buffered
 * sink (here one that discards), since its images are base64-encoded only as it is sent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FusionRequestBenchmark {

    public static final int IMAGES = 5;
    public static final int IMAGE_BYTES = 7 * 1024 * 1024;

    private ContentsRequestWriter writer;
    private GenerationRequest request;

    @Setup
    public void setUp() {
        writer = new ContentsRequestWriter(new ObjectMapper());
        Map<String, byte[]> bytes = new HashMap<>();
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Text("blend the five"));
        var random = new Random(1);
        for (int i = 0; i < IMAGES; i++) {
            byte[] image = new byte[IMAGE_BYTES];
            random.nextBytes(image);
            String sha = String.format("%064d", i);
            bytes.put(sha, image);
            parts.add(new Part.Image(new ImageRef(sha, "image/png", 2048, 2048, IMAGE_BYTES)));
        }
        var history = new History(List.of(new History.Entry(Role.USER, parts)), 0);
        request = new GenerationRequest(
                ModelCatalog.builtIn().capabilitiesOf("gemini-2.5-flash-image"),
                "1:1",
                Optional.empty(),
                history,
                ref -> bytes.get(ref.sha256()));
    }

    @Benchmark
    public long fusionJson() throws Exception {
        RequestBody body = writer.write(request, ContentsProvider.JSON);
        try (BufferedSink sink = Okio.buffer(Okio.blackhole())) {
            body.writeTo(sink);
        }
        return body.contentLength();
    }
}
